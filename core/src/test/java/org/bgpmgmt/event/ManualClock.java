package org.bgpmgmt.event;

import java.time.Duration;

/** A clock that moves only when a test says so. */
final class ManualClock implements NanoClock {
    private volatile long now = 1_000_000_000L;

    @Override
    public long nanoTime() {
        return now;
    }

    void advance(final Duration d) {
        now += d.toNanos();
    }

    static EventLoop loop(final ManualClock clock) {
        return new EventLoop(new EventLoopConfig().name("manual").clock(clock));
    }
}
