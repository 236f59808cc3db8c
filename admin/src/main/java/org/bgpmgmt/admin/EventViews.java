package org.bgpmgmt.admin;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import org.bgpmgmt.event.EventLoop;
import org.bgpmgmt.event.LoopGauges;
import org.bgpmgmt.event.LoopTables;
import org.bgpmgmt.event.TaskStats;

/**
 * {@code show event cpu [FILTER]}, {@code show event timers} and {@code show event poll}, laid out
 * as FRR's {@code lib/event.c} lays them out, one section per loop (FRR: per pthread). Every figure
 * comes from reads that never wait on a loop. Any thread.
 */
final class EventViews {
    private EventViews() {
    }

    /** The name of the task holding the loop now, or null between tasks. */
    static String runningTask(final LoopGauges gauges) {
        final LoopGauges.Running running = gauges.running();
        return running == null ? null : running.task();
    }

    /** Writes {@code running} (the task, null between tasks) and {@code runningMsec} (0 between tasks). */
    static void writeRunning(final JsonGenerator g, final LoopGauges.Running running) throws IOException {
        g.writeStringField("running", running == null ? null : running.task());
        g.writeNumberField("runningMsec", running == null ? 0 : running.nanos() / 1_000_000);
    }

    static boolean matches(final TaskStats row, final String filter) {
        if (filter == null) {
            return true;
        }
        for (int i = 0; i < row.kinds().length(); i++) {
            if (filter.indexOf(row.kinds().charAt(i)) >= 0) {
                return true;
            }
        }
        return false;
    }

    static String cpuText(final List<EventLoop> loops, final String filter) {
        final StringBuilder sb = new StringBuilder(1024);
        sb.append("Event statistics for bgpmgmt:\n\n");
        for (EventLoop loop : loops) {
            final String title = "Showing statistics for pthread " + loop.name();
            sb.append(title).append('\n').append("-".repeat(title.length())).append('\n');
            sb.append("                               CPU (user+system): Real (wall-clock):\n");
            sb.append("Active   Runtime(ms)   Invoked Avg uSec Max uSecs Avg uSec Max uSecs  CPU_Warn Wall_Warn"
                + " Starv_Warn   Type  Event\n");
            final String running = runningTask(loop.gauges());
            for (TaskStats r : loop.taskStats()) {
                if (!matches(r, filter)) {
                    continue;
                }
                final long calls = Math.max(1, r.calls());
                final TaskStats.Timing cpu = r.cpu();
                final TaskStats.Timing wall = r.wall();
                final TaskStats.Faults f = r.faults();
                sb.append(String.format(Locale.ROOT, "%5d %14.3f %9d %8d %9d %8d %9d %9d %9d %10d %6s  %s%n",
                    r.name().equals(running) ? 1 : 0, cpu.totalNanos() / 1e6, r.calls(),
                    cpu.totalNanos() / calls / 1000, cpu.maxNanos() / 1000, wall.totalNanos() / calls / 1000,
                    wall.maxNanos() / 1000, f.cpuHogs(), f.wallHogs(), f.starved(), r.kinds(), r.name()));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    static String cpuJson(final List<EventLoop> loops, final String filter) {
        return Json.render(g -> {
            g.writeStartObject();
            for (EventLoop loop : loops) {
                g.writeObjectFieldStart(loop.name());
                final String running = runningTask(loop.gauges());
                for (TaskStats r : loop.taskStats()) {
                    if (matches(r, filter)) {
                        cpuRow(g, r, r.name().equals(running));
                    }
                }
                g.writeEndObject();
            }
            g.writeEndObject();
        });
    }

    private static void cpuRow(final JsonGenerator g, final TaskStats r, final boolean active) throws IOException {
        g.writeObjectFieldStart(r.name());
        g.writeNumberField("totalActive", active ? 1 : 0);
        g.writeNumberField("runTime", r.cpu().totalNanos() / 1_000_000);
        g.writeNumberField("totalCalls", r.calls());
        g.writeNumberField("totalCpuUsec", r.cpu().totalNanos() / 1000);
        g.writeNumberField("maxCpuUsec", r.cpu().maxNanos() / 1000);
        g.writeNumberField("totalWallUsec", r.wall().totalNanos() / 1000);
        g.writeNumberField("maxWallUsec", r.wall().maxNanos() / 1000);
        g.writeNumberField("cpuWarn", r.faults().cpuHogs());
        g.writeNumberField("wallWarn", r.faults().wallHogs());
        g.writeNumberField("starvWarn", r.faults().starved());
        g.writeNumberField("late", r.faults().late());
        g.writeNumberField("errors", r.faults().errors());
        g.writeStringField("type", r.kinds());
        g.writeEndObject();
    }

    static String timersText(final List<EventLoop> loops) {
        final StringBuilder sb = new StringBuilder(256);
        for (EventLoop loop : loops) {
            final String title = "Showing timers for " + loop.name();
            sb.append(title).append('\n').append("-".repeat(title.length())).append('\n');
            for (LoopTables.TimerRow t : loop.tables().timers()) {
                sb.append(String.format(Locale.ROOT, "  %-50s%s%n", t.task(), hhmmss(t.remainingNanos())));
            }
            sb.append("Scheduled timers: ").append(loop.gauges().waiting().timers()).append("\n\n");
        }
        return sb.toString();
    }

    /** FRR prints the time remaining as HH:MM:SS; BFD timers are milliseconds apart, so add them. */
    static String hhmmss(final long nanos) {
        final long ms = nanos / 1_000_000;
        return String.format(Locale.ROOT, "%02d:%02d:%02d.%03d", ms / 3_600_000, ms / 60_000 % 60, ms / 1000 % 60,
            ms % 1000);
    }

    static String timersJson(final List<EventLoop> loops) {
        return Json.render(g -> {
            g.writeStartObject();
            for (EventLoop loop : loops) {
                g.writeObjectFieldStart(loop.name());
                g.writeNumberField("timers", loop.gauges().waiting().timers());
                g.writeNumberField("ageMsec", loop.tables().ageNanos() / 1_000_000);
                g.writeArrayFieldStart("scheduled");
                for (LoopTables.TimerRow t : loop.tables().timers()) {
                    g.writeStartObject();
                    g.writeStringField("task", t.task());
                    g.writeNumberField("remainingMsec", t.remainingNanos() / 1_000_000);
                    g.writeEndObject();
                }
                g.writeEndArray();
                g.writeEndObject();
            }
            g.writeEndObject();
        });
    }

    static String pollText(final List<EventLoop> loops) {
        final StringBuilder sb = new StringBuilder(512);
        for (EventLoop loop : loops) {
            final LoopGauges gauges = loop.gauges();
            final String title = "Showing poll FD's for " + loop.name();
            sb.append(title).append('\n').append("-".repeat(title.length())).append('\n');
            sb.append("Count: ").append(gauges.waiting().channels()).append('\n');
            int i = 0;
            for (LoopTables.PollRow r : loop.tables().poll()) {
                sb.append(String.format(Locale.ROOT, "\t%6d %-40s events:%-14s\t\t%s%n", i++, r.channel(),
                    String.join(",", r.events()), String.join(" ", r.tasks())));
            }
            sb.append("Pending submissions: ").append(gauges.waiting().submissions()).append('\n');
            sb.append("Turns: ").append(gauges.turns().count()).append('\n');
            sb.append("Last turn: ").append(gauges.turns().sinceLastNanos() / 1_000_000).append(" ms ago\n");
            sb.append(String.format(Locale.ROOT, "Utilization: %.1f%%%n", gauges.turns().utilization() * 100));
            final LoopGauges.Running running = gauges.running();
            if (running != null) {
                sb.append("Running: ").append(running.task()).append(" for ")
                    .append(running.nanos() / 1_000_000).append(" ms\n");
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    static String pollJson(final List<EventLoop> loops) {
        return Json.render(g -> {
            g.writeStartObject();
            for (EventLoop loop : loops) {
                final LoopGauges gauges = loop.gauges();
                g.writeObjectFieldStart(loop.name());
                g.writeNumberField("count", gauges.waiting().channels());
                g.writeNumberField("pendingSubmissions", gauges.waiting().submissions());
                g.writeNumberField("turns", gauges.turns().count());
                g.writeNumberField("sinceLastTurnMsec", gauges.turns().sinceLastNanos() / 1_000_000);
                g.writeNumberField("utilization", gauges.turns().utilization());
                writeRunning(g, gauges.running());
                g.writeNumberField("ageMsec", loop.tables().ageNanos() / 1_000_000);
                g.writeArrayFieldStart("channels");
                for (LoopTables.PollRow r : loop.tables().poll()) {
                    pollRow(g, r);
                }
                g.writeEndArray();
                g.writeEndObject();
            }
            g.writeEndObject();
        });
    }

    private static void pollRow(final JsonGenerator g, final LoopTables.PollRow r) throws IOException {
        g.writeStartObject();
        g.writeStringField("channel", r.channel());
        g.writeArrayFieldStart("events");
        for (String e : r.events()) {
            g.writeString(e);
        }
        g.writeEndArray();
        g.writeArrayFieldStart("tasks");
        for (String t : r.tasks()) {
            g.writeString(t);
        }
        g.writeEndArray();
        g.writeEndObject();
    }
}
