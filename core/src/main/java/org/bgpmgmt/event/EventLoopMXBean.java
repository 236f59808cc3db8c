package org.bgpmgmt.event;

/**
 * The JMX view of one {@link EventLoop}, registered by {@link EventLoop#registerMBean()} as
 * {@code org.bgpmgmt:type=EventLoop,name=NAME}. Every attribute is read on the loop thread (the
 * call hops onto it), so the figures are consistent with each other.
 */
public interface EventLoopMXBean {
    /**
     * Returns the loop's name.
     *
     * @return the name
     */
    String getName();

    /**
     * Returns the accounting table, as {@link EventLoop#showCpu()} renders it.
     *
     * @return FRR's {@code show event cpu} as text
     */
    String getCpuTable();

    /**
     * Returns how many tasks ran, over every name.
     *
     * @return the total of the calls column
     */
    long getTasksRun();

    /**
     * Returns how many tasks threw.
     *
     * @return the total of the errors column
     */
    long getTaskErrors();

    /**
     * Returns how many task runs were over the CPU or wall-clock threshold.
     *
     * @return CPU hogs plus blocked tasks
     */
    long getSlowTasks();

    /**
     * Returns how many timers ran later than the late-timer bound.
     *
     * @return late timer runs
     */
    long getLateTimers();

    /**
     * Tells whether the loop has stopped.
     *
     * @return true once terminated
     */
    boolean isTerminated();
}
