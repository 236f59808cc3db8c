package org.bgpmgmt.event;

/**
 * The gauges of one loop at one moment, read from any thread without waiting for the loop (see
 * {@link EventLoop#gauges()}): what waits on it, how its turns go, and what runs now. An immutable
 * value; any thread.
 *
 * <p>Read as prose: {@code gauges.waiting().timers()} timers wait; the loop has begun
 * {@code gauges.turns().count()} turns, the last one {@code gauges.turns().sinceLastNanos()} ago;
 * {@code gauges.running()} is null between tasks.
 *
 * @param loop the loop's name
 * @param waiting the work that waits on the loop
 * @param turns the loop's turns and how busy they keep it
 * @param running the task running now, or null between tasks
 * @param stalls stalls the watchdog has reported
 */
public record LoopGauges(String loop, Waiting waiting, Turns turns, Running running, long stalls) {

    /**
     * What waits on the loop. An immutable value; any thread.
     *
     * @param submissions work added from other threads and not yet taken in by the loop (an
     *     estimate: the queue is read while producers write it)
     * @param timers timers waiting in the heap, as of the end of the last turn
     * @param channels channels registered with the selector, as of the end of the last turn
     */
    public record Waiting(long submissions, int timers, int channels) {
    }

    /**
     * The loop's turns and how much of its time tasks take. An immutable value; any thread.
     *
     * @param count turns the loop has begun
     * @param sinceLastNanos time since the last turn began: large while a task holds the loop, and
     *     also while an idle loop waits in select for its next timer
     * @param busyNanos time spent in tasks of finished turns, in total
     * @param utilization busy time over wall time in the last closed one-second window, 0 to 1; 1
     *     while a task has held the loop a whole window
     */
    public record Turns(long count, long sinceLastNanos, long busyNanos, double utilization) {
    }

    /**
     * The task that holds the loop now. An immutable value; any thread.
     *
     * @param task the task's accounting name
     * @param nanos how long it has run
     */
    public record Running(String task, long nanos) {
    }
}
