package org.bgpmgmt.event;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * What {@link NoJdkWarningTest} runs in a fresh JVM: the first event loop of a process, driven the
 * way a user's thread drives it (adds from outside the loop, a timer, a submitted call, shutdown),
 * so that every queue the loop owns is created and used once. Prints nothing of its own.
 */
final class FirstLoopMain {
    private FirstLoopMain() {
    }

    /**
     * Starts, drives and stops one loop; exits non-zero when the loop did not answer in time.
     *
     * @param args ignored
     * @throws Exception when the loop fails
     */
    public static void main(final String[] args) throws Exception {
        try (EventLoop loop = new EventLoop().start()) {
            for (int i = 0; i < 3_000; i++) { // more than the spare-handle list holds: the shared pool too
                loop.addEvent(self -> { }, null, i, null);
            }
            loop.addTimerMillis(1, self -> { }, null, null);
            final int answer = loop.submit(() -> 42).get(10, TimeUnit.SECONDS);
            if (answer != 42 || !loop.shutdown(Duration.ofSeconds(10))) {
                System.exit(2);
            }
        }
    }
}
