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
            final String running = loop.gauges().runningTask();
            for (TaskStats r : loop.taskStats()) {
                if (!matches(r, filter)) {
                    continue;
                }
                final long calls = Math.max(1, r.calls());
                sb.append(String.format(Locale.ROOT, "%5d %14.3f %9d %8d %9d %8d %9d %9d %9d %10d %6s  %s%n",
                    r.name().equals(running) ? 1 : 0, r.totalCpuNanos() / 1e6, r.calls(),
                    r.totalCpuNanos() / calls / 1000, r.maxCpuNanos() / 1000, r.totalWallNanos() / calls / 1000,
                    r.maxWallNanos() / 1000, r.cpuHogs(), r.wallHogs(), r.starved(), r.kinds(), r.name()));
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
                final String running = loop.gauges().runningTask();
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
        g.writeNumberField("runTime", r.totalCpuNanos() / 1_000_000);
        g.writeNumberField("totalCalls", r.calls());
        g.writeNumberField("totalCpuUsec", r.totalCpuNanos() / 1000);
        g.writeNumberField("maxCpuUsec", r.maxCpuNanos() / 1000);
        g.writeNumberField("totalWallUsec", r.totalWallNanos() / 1000);
        g.writeNumberField("maxWallUsec", r.maxWallNanos() / 1000);
        g.writeNumberField("cpuWarn", r.cpuHogs());
        g.writeNumberField("wallWarn", r.wallHogs());
        g.writeNumberField("starvWarn", r.starved());
        g.writeNumberField("late", r.late());
        g.writeNumberField("errors", r.errors());
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
            sb.append("Scheduled timers: ").append(loop.gauges().scheduledTimers()).append("\n\n");
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
                g.writeNumberField("timers", loop.gauges().scheduledTimers());
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
            sb.append("Count: ").append(gauges.registeredChannels()).append('\n');
            int i = 0;
            for (LoopTables.PollRow r : loop.tables().poll()) {
                sb.append(String.format(Locale.ROOT, "\t%6d %-40s events:%-14s\t\t%s%n", i++, r.channel(),
                    String.join(",", r.events()), String.join(" ", r.tasks())));
            }
            sb.append("Pending submissions: ").append(gauges.pendingSubmissions()).append('\n');
            sb.append("Turns: ").append(gauges.turns()).append('\n');
            sb.append("Last turn: ").append(gauges.sinceLastTurnNanos() / 1_000_000).append(" ms ago\n");
            sb.append(String.format(Locale.ROOT, "Utilization: %.1f%%%n", gauges.utilization() * 100));
            if (gauges.runningTask() != null) {
                sb.append("Running: ").append(gauges.runningTask()).append(" for ")
                    .append(gauges.runningNanos() / 1_000_000).append(" ms\n");
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
                g.writeNumberField("count", gauges.registeredChannels());
                g.writeNumberField("pendingSubmissions", gauges.pendingSubmissions());
                g.writeNumberField("turns", gauges.turns());
                g.writeNumberField("sinceLastTurnMsec", gauges.sinceLastTurnNanos() / 1_000_000);
                g.writeNumberField("utilization", gauges.utilization());
                g.writeStringField("running", gauges.runningTask());
                g.writeNumberField("runningMsec", gauges.runningNanos() / 1_000_000);
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
