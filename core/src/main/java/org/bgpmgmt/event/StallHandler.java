package org.bgpmgmt.event;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the watchdog does with a stall, once per stall, on the watchdog's thread (never on the
 * stuck loop's). It must return quickly: the watchdog watches every loop of the process from one
 * thread. A handler that throws is logged and the watchdog carries on.
 */
@FunctionalInterface
public interface StallHandler {
    /** The default: one slf4j warning with the task, how long it has run, and the loop thread's stack. */
    StallHandler LOG = new StallHandler() {
        private final Logger log = LoggerFactory.getLogger(EventLoop.class);

        @Override
        public void stalled(final Stall stall) {
            log.warn("{}: task {} ({}) has held the loop for {} ms and is still running; loop thread {}:\n{}",
                stall.loop(), stall.task(), stall.kind(), stall.runningNanos() / 1_000_000, stall.thread(),
                stall.stackText());
        }
    };

    /**
     * Reports a stall. Called on the watchdog thread while the task still runs.
     *
     * @param stall what is stuck, for how long, and where
     */
    void stalled(Stall stall);
}
