package org.bgpmgmt.event;

import java.lang.management.ManagementFactory;
import java.util.function.ToLongFunction;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/** The {@link EventLoopMXBean} of one loop: every figure from one accounting snapshot. */
final class LoopMBean implements EventLoopMXBean {
    private final EventLoop loop;

    LoopMBean(final EventLoop loop) {
        this.loop = loop;
    }

    /** Registers the bean of {@code loop}, replacing one of the same name; unregisters it at stop. */
    static ObjectName register(final EventLoop loop, final Scheduler scheduler) {
        try {
            final ObjectName on = new ObjectName("org.bgpmgmt:type=EventLoop,name=" + ObjectName.quote(loop.name()));
            final MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            if (server.isRegistered(on)) {
                server.unregisterMBean(on);
            }
            server.registerMBean(new LoopMBean(loop), on);
            scheduler.sweep().onClose(() -> {
                try {
                    server.unregisterMBean(on);
                } catch (JMException e) {
                    // already gone
                }
            });
            return on;
        } catch (JMException e) {
            throw new IllegalStateException("cannot register the MBean of loop " + loop.name(), e);
        }
    }

    @Override
    public String getName() {
        return loop.name();
    }

    @Override
    public String getCpuTable() {
        return loop.showCpu();
    }

    @Override
    public long getTasksRun() {
        return sum(TaskStats::calls);
    }

    @Override
    public long getTaskErrors() {
        return sum(r -> r.faults().errors());
    }

    @Override
    public long getSlowTasks() {
        return sum(r -> r.faults().cpuHogs() + r.faults().wallHogs());
    }

    @Override
    public long getLateTimers() {
        return sum(r -> r.faults().late());
    }

    @Override
    public boolean isTerminated() {
        return loop.isTerminated();
    }

    /** Adds up one figure over the rows of one snapshot. */
    private long sum(final ToLongFunction<TaskStats> figure) {
        long n = 0;
        for (TaskStats r : loop.taskStats()) {
            n += figure.applyAsLong(r);
        }
        return n;
    }
}
