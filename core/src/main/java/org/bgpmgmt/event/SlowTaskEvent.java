package org.bgpmgmt.event;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.Timespan;

/**
 * The JFR event committed beside the slow-task warning, so a task that held the loop shows in JDK
 * Mission Control and in {@code jfr print --events org.bgpmgmt.SlowTask}. It costs nothing unless a
 * recording enables it (it is enabled by default in a recording).
 */
@Name("org.bgpmgmt.SlowTask")
@Label("Slow Loop Task")
@Category({"bgpmgmt", "Event Loop"})
@Description("A task held its event loop longer than the CPU or wall-clock threshold")
public final class SlowTaskEvent extends jdk.jfr.Event {
    /** The loop's name. */
    @Label("Loop")
    public String loop;

    /** The task's accounting name. */
    @Label("Task")
    public String task;

    /** The task's kind letter (R, W, A, C, T, E, X). */
    @Label("Kind")
    public String kind;

    /** Wall-clock time the task ran. */
    @Label("Wall Time")
    @Timespan(Timespan.NANOSECONDS)
    public long wallTime;

    /** Thread CPU time the task used (0 when CPU timing is off). */
    @Label("CPU Time")
    @Timespan(Timespan.NANOSECONDS)
    public long cpuTime;

    /** Creates an empty event for the loop to fill in and commit. Not thread-safe. */
    public SlowTaskEvent() {
    }
}
