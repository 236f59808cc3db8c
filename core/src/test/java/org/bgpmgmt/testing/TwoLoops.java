package org.bgpmgmt.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.bgpmgmt.event.EventLoop;
import org.bgpmgmt.event.EventLoopConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The fixture of tests that run a server and a client context on loops of their own: both loops
 * start before each test; after it, everything in {@link #closeLater} is closed in order, then both
 * loops must stop within 10 s.
 */
public abstract class TwoLoops {
    /** The server side's loop. */
    protected EventLoop serverLoop;
    /** The client side's loop. */
    protected EventLoop clientLoop;
    /** What a test opened and the fixture closes after it, before the loops stop. */
    protected final List<AutoCloseable> closeLater = new CopyOnWriteArrayList<>();
    private final String prefix;

    /**
     * Names the loops {@code PREFIX + "server-loop"} and {@code PREFIX + "client-loop"}.
     *
     * @param prefix the loop-name prefix, for telling tests apart in logs
     */
    protected TwoLoops(final String prefix) {
        this.prefix = prefix;
    }

    @BeforeEach
    void startLoops() {
        serverLoop = new EventLoop(new EventLoopConfig().name(prefix + "server-loop")).start();
        clientLoop = new EventLoop(new EventLoopConfig().name(prefix + "client-loop")).start();
    }

    @AfterEach
    void stopEverything() throws Exception {
        for (AutoCloseable c : closeLater) {
            c.close();
        }
        assertTrue(serverLoop.shutdown(Duration.ofSeconds(10)));
        assertTrue(clientLoop.shutdown(Duration.ofSeconds(10)));
    }
}
