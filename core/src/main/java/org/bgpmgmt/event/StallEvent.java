package org.bgpmgmt.event;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;

/**
 * The JFR event the watchdog commits for a stall, while the task still runs: {@code jfr print
 * --events org.bgpmgmt.LoopStall}. The event's own stack trace is the watchdog's, so the loop
 * thread's stack travels as text in {@link #stack}.
 */
@Name("org.bgpmgmt.LoopStall")
@Label("Event Loop Stall")
@Category({"bgpmgmt", "Event Loop"})
@Description("A task has held its event loop longer than the watchdog threshold and is still running")
@StackTrace(false)
public final class StallEvent extends jdk.jfr.Event {
    /** The loop's name. */
    @Label("Loop")
    public String loop;

    /** The running task's accounting name. */
    @Label("Task")
    public String task;

    /** The task's kind letter (R, W, A, C, T, E, X). */
    @Label("Kind")
    public String kind;

    /** How long the task had run when seen. */
    @Label("Running For")
    @Timespan(Timespan.NANOSECONDS)
    public long runningTime;

    /** The loop thread's stack, one frame a line. */
    @Label("Loop Thread Stack")
    public String stack;

    /** Creates an empty event for the watchdog to fill in and commit. Not thread-safe. */
    public StallEvent() {
    }
}
