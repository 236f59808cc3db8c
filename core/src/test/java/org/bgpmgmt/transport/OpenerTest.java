package org.bgpmgmt.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.bgpmgmt.event.EventLoop;
import org.bgpmgmt.event.EventLoopConfig;
import org.bgpmgmt.mgmt.Endpoint;
import org.bgpmgmt.testing.Await;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The acceptor and connector through their {@link Opener} seam alone, with no context: the order
 * an opener may rely on, and that a client reconnects once it hears its connection went down.
 */
@Timeout(60)
class OpenerTest {
    /** Stands in for the context: counts what it was handed and closes the socket it opened over. */
    private static final class CountingOpener implements Opener<String> {
        final AtomicInteger made = new AtomicInteger();
        final AtomicInteger opened = new AtomicInteger();
        Runnable onOpen = () -> { };

        @Override
        public String newConnection() {
            return "c" + made.incrementAndGet();
        }

        @Override
        public void open(final String connection, final Transport transport, final String peer) {
            opened.incrementAndGet();
            onOpen.run();
        }

        @Override
        public void handshakeFailed(final String peer, final String reason) {
            throw new AssertionError("no TLS here: " + reason);
        }
    }

    @Test
    void shouldListAConnectionBeforeOpeningItSoOneClosedWhileOpeningIsNotLeftBehind() throws Exception {
        final CountingOpener opener = new CountingOpener();
        try (EventLoop loop = new EventLoop(new EventLoopConfig().name("seam")).start()) {
            final Endpoint any = Endpoint.tcp(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            final Acceptor<String> acceptor = new Acceptor<>(loop, "seam", any, 4, null, null, opener);
            // A context whose first flush fails closes the connection inside open(): closed() then
            // must find it listed, or the slot would stay taken for good.
            opener.onOpen = () -> acceptor.closed("c" + opener.made.get());
            final Endpoint bound = loop.submit(acceptor::start).get(10, TimeUnit.SECONDS);
            try (SocketChannel client = SocketChannel.open(bound.address())) {
                Await.until("the connection opened", () -> opener.opened.get() == 1);
                final List<String> left = loop.submit(() -> List.copyOf(acceptor.connections()))
                    .get(10, TimeUnit.SECONDS);
                assertEquals(List.of(), left, "closed while opening: no longer listed");
                assertEquals(1L, loop.submit(acceptor::accepted).get(10, TimeUnit.SECONDS));
            } finally {
                loop.submit(() -> {
                    acceptor.close();
                    return null;
                }).get(10, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void shouldReuseItsOneConnectionAndReconnectOnceToldItWentDown() throws Exception {
        final CountingOpener opener = new CountingOpener();
        try (EventLoop loop = new EventLoop(new EventLoopConfig().name("seam")).start();
             ServerSocketChannel server = ServerSocketChannel.open()
                 .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            final Endpoint at = Endpoint.tcp((InetSocketAddress) server.getLocalAddress());
            final Connector<String> connector = new Connector<>(loop, "seam", at, new Backoff(1, 1, 0), null, opener);
            assertEquals(List.of("c1"), connector.connections(), "made once, at configuration");
            loop.submit(connector::start).get(10, TimeUnit.SECONDS);
            try (SocketChannel first = server.accept()) {
                Await.until("the first open", () -> opener.opened.get() == 1);
                loop.submit(() -> {
                    connector.closed();
                    return null;
                }).get(10, TimeUnit.SECONDS);
                try (SocketChannel second = server.accept()) {
                    Await.until("reopened after the backoff", () -> opener.opened.get() == 2);
                    assertTrue(second.isConnected());
                }
                assertEquals(1, opener.made.get(), "the one connection is reused across reconnects");
                assertEquals(0L, loop.submit(connector::connectFailures).get(10, TimeUnit.SECONDS));
            } finally {
                loop.submit(() -> {
                    connector.close();
                    return null;
                }).get(10, TimeUnit.SECONDS);
            }
        }
    }
}
