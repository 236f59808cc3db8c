package org.bgpmgmt.mgmt;

import org.bgpmgmt.event.EventLoop;
import org.bgpmgmt.event.Task;
import org.bgpmgmt.event.TaskHandle;

/**
 * A connection's idle timeout: one timer per connection, not one per read, on the loop's clock.
 * When it fires it re-arms for the rest of the timeout counted from the last input, and closes the
 * connection once it was silent that long. Loop thread only.
 */
final class IdleTimer {
    private final Connection connection;
    private final Dispatcher dispatcher;
    private final EventLoop loop;
    private final ConnectionCounters counters;
    private final long timeoutNanos;
    private final TaskHandle idleTimer;
    private final Task idleCheck = this::idleCheck;
    private long lastInputNanos;

    IdleTimer(final Connection connection, final Dispatcher dispatcher, final EventLoop loop, final Settings s,
              final ConnectionCounters counters) {
        this.connection = connection;
        this.dispatcher = dispatcher;
        this.loop = loop;
        this.counters = counters;
        this.timeoutNanos = s.idleTimeoutNanos;
        this.idleTimer = new TaskHandle(s.name + "_idle");
    }

    /** Arms the timer for a connection just opened; no-op when there is no idle timeout. */
    void start() {
        if (timeoutNanos > 0) {
            lastInputNanos = loop.clock().nanoTime();
            loop.addTimerMillis(timeoutNanos / 1_000_000, idleCheck, this, idleTimer);
        }
    }

    /** Input arrived: the silence starts again. One clock read, no timer change. */
    void input() {
        if (timeoutNanos > 0) {
            lastInputNanos = loop.clock().nanoTime();
        }
    }

    void cancel() {
        loop.cancel(idleTimer);
    }

    private void idleCheck(final TaskHandle self) {
        final long silent = loop.clock().nanoTime() - lastInputNanos;
        if (silent >= timeoutNanos) {
            counters.idleCloses++;
            dispatcher.idle(connection, silent / 1_000_000);
            return;
        }
        loop.addTimerMillis((timeoutNanos - silent + 999_999) / 1_000_000, idleCheck, this, self);
    }
}
