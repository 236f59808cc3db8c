package org.bgpmgmt.mgmt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.bgpmgmt.bfd.BfdControlPlane;
import org.bgpmgmt.event.EventLoop;
import org.bgpmgmt.event.EventLoopConfig;
import org.bgpmgmt.testing.Await;
import org.bgpmgmt.testing.Contexts;
import org.bgpmgmt.testing.RawPeer;
import org.bgpmgmt.wire.Framing;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A context configured with a framing other than bfddp's (BMP's shape here) cuts its streams by that
 * framing, hands every frame to the catalog handling its type, and treats a broken header as a
 * protocol error of that connection alone.
 */
@Timeout(60)
class OtherFramingTest {
    private static final Framing BMP = Framing.of("bmp", 6).version(0, 3).length(1, 4, true).type(5, 1);
    private static final int PEER_UP = 3;
    private static final int ROUTE_MONITORING = 0;

    private final EventLoop loop = new EventLoop(new EventLoopConfig().name("framing")).start();
    private final List<String> seen = new CopyOnWriteArrayList<>();
    private BgpMgmtContext server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        assertTrue(loop.shutdown(Duration.ofSeconds(10)));
    }

    private static byte[] bmp(final int type, final int bodyLength, final int fill) {
        final ByteBuffer b = ByteBuffer.allocate(6 + bodyLength);
        b.put((byte) 3).putInt(6 + bodyLength).put((byte) type);
        while (b.hasRemaining()) {
            b.put((byte) fill);
        }
        return b.array();
    }

    private BgpMgmtContext station() throws Exception {
        final BgpMgmtConfig config = new BgpMgmtConfig().framing(BMP).inputBufferSize(1 << 17);
        final BgpMgmtContext context = BgpMgmtContext.server(loop, Endpoint.parse("127.0.0.1:0"), config);
        context.addCatalog(types -> {
            for (int type : new int[] {PEER_UP, ROUTE_MONITORING}) {
                types.handle(type, (c, in, at, length) -> seen.add(type + ":" + length + ":" + (in.get(at + length - 1) & 0xFF)));
            }
        });
        return Contexts.started(context);
    }

    @Test
    void shouldHandFramesOfItsFramingToTheirHandlersAcrossPartialReads() throws Exception {
        server = station();
        final ByteBuffer stream = ByteBuffer.allocate(200_000);
        stream.put(bmp(PEER_UP, 100, 7)).put(bmp(ROUTE_MONITORING, 70_000, 9)).put(bmp(4, 10, 1)).flip();
        try (RawPeer peer = new RawPeer(server.endpoint())) {
            for (int cut : new int[] {1, 5, 3, 9000, 50_000}) { // inside headers and bodies alike
                peer.write(stream.slice(stream.position(), cut));
                stream.position(stream.position() + cut);
            }
            peer.write(stream);
            Await.until("both frames handled", () -> seen.size() == 2);
            assertEquals(List.of("3:106:7", "0:70006:9"), seen);
            Await.until("the Initiation counted as unhandled",
                () -> server.stats().connections().get(0).faults().unknownMessages() == 1);
            assertEquals(3, server.stats().connections().get(0).input().messages());
        }
    }

    @Test
    void shouldCloseOnlyTheConnectionWhoseHeaderBreaksTheFraming() throws Exception {
        server = station();
        try (RawPeer good = new RawPeer(server.endpoint()); RawPeer bad = new RawPeer(server.endpoint())) {
            Await.until("both accepted", () -> server.stats().connections().size() == 2);
            final byte[] wrongVersion = bmp(PEER_UP, 4, 1);
            wrongVersion[0] = 1; // a bfddp peer pointed at a BMP station
            bad.write(wrongVersion);
            assertTrue(bad.closedByPeer(Duration.ofSeconds(10)), "the bad peer stayed connected");
            Await.until("counted", () -> server.stats().closes().protocolErrors() == 1);
            good.write(bmp(PEER_UP, 4, 5));
            Await.until("the good peer is still served", () -> seen.contains("3:10:5"));
        }
    }

    @Test
    void shouldRefuseBfdCallsAndRequestsUnderAnotherFraming() throws Exception {
        final BgpMgmtContext notStarted = BgpMgmtContext.server(loop, Endpoint.parse("127.0.0.1:0"),
            new BgpMgmtConfig().framing(BMP));
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> BfdControlPlane.addTo(notStarted));
        assertTrue(e.getMessage().contains("BFD sessions need bfddp's framing"), e.getMessage());
        assertTrue(e.getMessage().contains("frames bmp"), e.getMessage());
        notStarted.close();
        server = station();
        try (RawPeer peer = new RawPeer(server.endpoint())) {
            final Connection c = Await.value("connection", () -> server.connections().stream().findFirst().orElse(null));
            final ExecutionException echo = assertThrows(ExecutionException.class, () -> c.echo().get(10, TimeUnit.SECONDS));
            assertInstanceOf(IllegalStateException.class, echo.getCause());
            assertTrue(echo.getCause().getMessage().contains("the bmp framing carries no request ids"),
                echo.getCause().getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> BgpMgmtContext.server(loop, Endpoint.parse("127.0.0.1:0"),
            new BgpMgmtConfig().framing(Framing.of("wide", 16)).maxFrameLength(8)), "a frame below the header");
    }

    @Test
    void shouldRefuseHandlersForTypesTheFramingCannotCarry() {
        final BgpMgmtContext context = BgpMgmtContext.server(loop, Endpoint.parse("127.0.0.1:0"),
            new BgpMgmtConfig().framing(BMP));
        assertThrows(IllegalArgumentException.class, () -> context.addCatalog(t -> t.handle(256, (c, in, at, n) -> { })));
        context.addCatalog(t -> t.handle(1, (c, in, at, n) -> { })); // BMP's Statistics Report: no bfddp echo here
        assertThrows(IllegalArgumentException.class, () -> context.addCatalog(t -> t.handle(1, (c, in, at, n) -> { })));
        context.close();
    }
}
