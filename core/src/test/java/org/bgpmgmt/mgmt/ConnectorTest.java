package org.bgpmgmt.mgmt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.time.Duration;
import org.bgpmgmt.event.EventLoop;
import org.bgpmgmt.event.ManualClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A client's reconnect backoff on a manual clock: no attempt before its delay, doubling, capped. */
@Timeout(30)
class ConnectorTest {
    private final ManualClock clock = new ManualClock();

    @Test
    void shouldRetryOnlyWhenTheLoopClockReachesTheDoubledCappedDelay() throws IOException {
        final int port;
        try (ServerSocketChannel s = ServerSocketChannel.open()) {
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            port = ((InetSocketAddress) s.getLocalAddress()).getPort(); // closed below: connects are refused
        }
        final EventLoop loop = ManualClock.loop(clock);
        loop.runOnce(0); // the test thread drives the loop
        final BgpMgmtContext client = BgpMgmtContext.client(loop, Endpoint.tcp("127.0.0.1", port),
            new BgpMgmtConfig().reconnectDelay(Duration.ofSeconds(1)).reconnectMaxDelay(Duration.ofSeconds(3))
                .reconnectJitter(0));
        assertTrue(client.start().isDone(), "on the loop thread the first attempt is made at once");
        failures(client, loop, 1);
        for (long delayMs : new long[] {1_000, 2_000, 3_000, 3_000}) { // doubled, then capped at 3 s
            final long before = failuresNow(client);
            clock.advance(Duration.ofMillis(delayMs - 1));
            loop.runOnce(5);
            loop.runOnce(5);
            assertEquals(before, failuresNow(client), "no attempt 1 ms before the delay of " + delayMs + " ms");
            clock.advance(Duration.ofMillis(1));
            failures(client, loop, before + 1);
        }
        client.close();
        assertTrue(loop.shutdown(Duration.ofSeconds(1)));
    }

    private static long failuresNow(final BgpMgmtContext client) {
        return client.stats().admissions().connectFailures(); // inline: the test thread is the loop thread
    }

    /** Turns the loop (bounded) until the refused connect is seen; the clock does not move. */
    private static void failures(final BgpMgmtContext client, final EventLoop loop, final long expected) {
        for (int i = 0; i < 200 && failuresNow(client) < expected; i++) {
            loop.runOnce(5);
        }
        assertEquals(expected, failuresNow(client));
    }
}
