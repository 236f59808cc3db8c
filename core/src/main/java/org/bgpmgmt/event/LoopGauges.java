package org.bgpmgmt.event;

/**
 * The gauges of one loop at one moment, read from any thread without waiting for the loop (see
 * {@link EventLoop#gauges()}). An immutable value; any thread.
 *
 * @param loop the loop's name
 * @param pendingSubmissions work added from other threads and not yet taken in by the loop (an
 *     estimate: the queue is read while producers write it)
 * @param scheduledTimers timers waiting in the heap, as of the end of the last turn
 * @param registeredChannels channels registered with the selector, as of the end of the last turn
 * @param turns turns the loop has begun
 * @param sinceLastTurnNanos time since the last turn began: large while a task holds the loop, and
 *     also while an idle loop waits in select for its next timer
 * @param busyNanos time spent in tasks of finished turns, in total
 * @param utilization busy time over wall time in the last closed one-second window, 0 to 1; 1 while
 *     a task has held the loop a whole window
 * @param runningTask the accounting name of the task running now, or null between tasks
 * @param runningNanos how long that task has run, or 0
 * @param stalls stalls the watchdog has reported
 */
public record LoopGauges(String loop, long pendingSubmissions, int scheduledTimers, int registeredChannels,
                         long turns, long sinceLastTurnNanos, long busyNanos, double utilization,
                         String runningTask, long runningNanos, long stalls) {
}
