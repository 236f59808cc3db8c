package org.bgpmgmt.mgmt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.bgpmgmt.event.EventLoop;
import org.bgpmgmt.event.EventLoopConfig;
import org.bgpmgmt.testing.Await;
import org.bgpmgmt.testing.Contexts;
import org.bgpmgmt.testing.RawPeer;
import org.bgpmgmt.wire.MessageRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** What a message catalog of the user's own builds on: request/reply by id and connection events. */
@Timeout(30)
class UserCatalogHooksTest {
    private static final int SQUARE = 0x180;
    private static final int SQUARED = 0x181;

    private static ByteBuffer frame(final int type, final int id, final int value) {
        return ByteBuffer.allocate(12).put(0, (byte) 1).putShort(2, (short) type).putShort(4, (short) id)
            .putShort(6, (short) 12).putInt(8, value);
    }

    /** A request of {@code type} carrying {@code value}, written in place on the loop; the reply's value. */
    private static CompletableFuture<Integer> request(final EventLoop loop, final Connection c, final int type,
                                                      final int value) {
        return loop.submit(() -> c.request(12, (out, at, id) -> out.put(at, frame(type, id, value), 0, 12), SQUARED,
            (buf, off, len) -> buf.getInt(off + 8))).thenCompose(f -> f);
    }

    @Test
    void shouldPairUserRepliesByIdAndReportConnections() throws Exception {
        final MessageRegistry<MessageHandler> serverTypes = new MessageRegistry<>();
        serverTypes.register(SQUARE, "SQUARE", 4, (conn, buf, off, len) -> {
            final int v = buf.getInt(off + 8);
            conn.enqueue(frame(SQUARED, buf.getShort(off + 4) & 0xFFFF, v * v));
        });
        final List<String> events = new CopyOnWriteArrayList<>();
        try (EventLoop loop = new EventLoop(new EventLoopConfig().name("hooks")).start()) {
            final BgpMgmtContext server = Contexts.listen(loop, Endpoint.parse("127.0.0.1:0"),
                new BgpMgmtConfig().registry(serverTypes));
            final BgpMgmtContext client = Contexts.connect(loop, server.endpoint(), new BgpMgmtConfig()
                .requestTimeout(Duration.ofMillis(300)).reconnectDelay(Duration.ofSeconds(30)),
                ctx -> ctx.addConnectionListener(new ConnectionListener() {
                    @Override
                    public void connectionUp(final Connection connection) {
                        events.add("up");
                    }

                    @Override
                    public void connectionDown(final Connection connection) {
                        events.add("down");
                    }
                }));
            Await.until("connected", () -> events.contains("up"));
            final Connection c = client.connections().get(0);
            assertEquals(144, request(loop, c, SQUARE, 12).get(10, TimeUnit.SECONDS));
            assertEquals(49, request(loop, c, SQUARE, 7).get(10, TimeUnit.SECONDS));
            final ExecutionException timeout = assertThrows(ExecutionException.class,
                () -> request(loop, c, 0x1FF, 1).get(10, TimeUnit.SECONDS));
            assertInstanceOf(RequestTimeoutException.class, timeout.getCause());
            server.close();
            Await.until("down", () -> events.contains("down"));
            assertEquals(List.of("up", "down"), events);
            assertTrue(client.stats().connections().get(0).faults().unknownReplies() == 0);
            client.close();
        }
    }

    @Test
    void shouldLetAHandlerCloseItsConnectionForAProtocolError() throws Exception {
        final MessageRegistry<MessageHandler> types = new MessageRegistry<>();
        types.register(SQUARE, "SQUARE", 4, (conn, buf, off, len) -> {
            if (buf.getInt(off + 8) < 0) {
                conn.protocolError("negative value " + buf.getInt(off + 8));
            }
        });
        try (EventLoop loop = new EventLoop(new EventLoopConfig().name("hooks-error")).start()) {
            final BgpMgmtContext server = Contexts.listen(loop, Endpoint.parse("127.0.0.1:0"),
                new BgpMgmtConfig().registry(types));
            try (RawPeer good = new RawPeer(server.endpoint()); RawPeer bad = new RawPeer(server.endpoint())) {
                good.write(frame(SQUARE, 1, 5));
                bad.write(frame(SQUARE, 1, -5));
                assertTrue(bad.closedByPeer(Duration.ofSeconds(10)), "malformed content closes like a framing error");
                Await.until("counted", () -> server.stats().closes().protocolErrors() == 1);
                good.write(Frames.echoRequest(8, 8));
                assertEquals(8, good.readFrame().getShort(4), "the other connection is untouched");
            }
            server.close();
        }
    }
}
