package org.bgpmgmt.event;

import java.util.List;

/** The {@link EventLoopMXBean} of one loop: every figure from one accounting snapshot. */
final class LoopMBean implements EventLoopMXBean {
    private final EventLoop loop;

    LoopMBean(final EventLoop loop) {
        this.loop = loop;
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
        return sum(loop.taskStats(), 0);
    }

    @Override
    public long getTaskErrors() {
        return sum(loop.taskStats(), 1);
    }

    @Override
    public long getSlowTasks() {
        return sum(loop.taskStats(), 2);
    }

    @Override
    public long getLateTimers() {
        return sum(loop.taskStats(), 3);
    }

    @Override
    public boolean isTerminated() {
        return loop.isTerminated();
    }

    private static long sum(final List<TaskStats> rows, final int what) {
        long n = 0;
        for (TaskStats r : rows) {
            n += what == 0 ? r.calls() : what == 1 ? r.errors() : what == 2 ? r.cpuHogs() + r.wallHogs() : r.late();
        }
        return n;
    }
}
