package org.bgpmgmt.admin;

import java.util.List;
import org.bgpmgmt.event.EventLoop;
import org.bgpmgmt.event.LoopGauges;
import org.bgpmgmt.event.Stall;

/**
 * {@code show watchdog}: per loop, the threshold, the stalls reported, the task running now and
 * the last stall with the loop thread's stack as the watchdog saw it. Any thread.
 */
final class WatchdogView {
    private WatchdogView() {
    }

    static String text(final List<EventLoop> loops) {
        final StringBuilder sb = new StringBuilder(1024);
        for (EventLoop loop : loops) {
            final LoopGauges.Running running = loop.gauges().running();
            sb.append("Watchdog for ").append(loop.name()).append(": threshold ")
                .append(loop.watchdogThreshold().toMillis()).append(" ms, stalls ").append(loop.stalls()).append('\n');
            if (running != null) {
                sb.append("    Running: ").append(running.task()).append(" for ")
                    .append(running.nanos() / 1_000_000).append(" ms\n");
            }
            final Stall last = loop.lastStall();
            if (last != null) {
                sb.append("    Last stall: task ").append(last.task()).append(" (").append(last.kind())
                    .append(") on thread ").append(last.thread()).append(", ")
                    .append(last.runningNanos() / 1_000_000).append(" ms when seen\n").append(last.stackText());
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    static String json(final List<EventLoop> loops) {
        return Json.render(g -> {
            g.writeStartObject();
            for (EventLoop loop : loops) {
                g.writeObjectFieldStart(loop.name());
                g.writeNumberField("thresholdMsec", loop.watchdogThreshold().toMillis());
                g.writeNumberField("stalls", loop.stalls());
                EventViews.writeRunning(g, loop.gauges().running());
                final Stall last = loop.lastStall();
                if (last != null) {
                    g.writeObjectFieldStart("lastStall");
                    g.writeStringField("task", last.task());
                    g.writeStringField("type", String.valueOf(last.kind()));
                    g.writeStringField("thread", last.thread());
                    g.writeNumberField("runningMsec", last.runningNanos() / 1_000_000);
                    g.writeArrayFieldStart("stack");
                    for (StackTraceElement e : last.stack()) {
                        g.writeString(e.toString());
                    }
                    g.writeEndArray();
                    g.writeEndObject();
                }
                g.writeEndObject();
            }
            g.writeEndObject();
        });
    }
}
