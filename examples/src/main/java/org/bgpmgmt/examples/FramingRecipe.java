package org.bgpmgmt.examples;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.bgpmgmt.event.EventLoop;
import org.bgpmgmt.event.EventLoopConfig;
import org.bgpmgmt.mgmt.BgpMgmtConfig;
import org.bgpmgmt.mgmt.BgpMgmtContext;
import org.bgpmgmt.mgmt.Endpoint;
import org.bgpmgmt.wire.Framing;

/**
 * The README's framing recipe, compiled here and run by {@code FramingRecipeTest}: a context that
 * cuts its input by BMP's header (RFC 7854) instead of bfddp's and hands each Peer Up to a handler.
 * The README shows the lines of {@link #run} from {@code Framing bmp} to {@code start()}. Not
 * thread-safe.
 */
final class FramingRecipe {
    private static final int PEER_UP = 3;

    private FramingRecipe() {
    }

    /**
     * Starts a BMP-framed server, writes two Peer Up frames to it from a plain socket in awkward
     * pieces, and returns the frame lengths its handler saw, summed.
     *
     * @return the total length of the frames handled
     * @throws Exception when the context does not start or the frames do not arrive within 10 s
     */
    static int run() throws Exception {
        EventLoop loop = new EventLoop(new EventLoopConfig().name("bmp")).start();
        AtomicInteger handled = new AtomicInteger();
        CountDownLatch two = new CountDownLatch(2);
        try {
            Framing bmp = Framing.of("bmp", 6)                      // a 6-byte common header
                    .version(0, 3)                                  // version 3 at offset 0
                    .length(1, 4, true)                             // 4-byte length at 1, header included
                    .type(5, 1);                                    // 1-byte type at 5
            BgpMgmtContext station = BgpMgmtContext.server(loop, Endpoint.parse("127.0.0.1:0"),
                    new BgpMgmtConfig().framing(bmp).inputBufferSize(1 << 17));   // frames over 64 KiB
            station.addCatalog(types -> types.handle(PEER_UP, (connection, in, at, length) -> {
                handled.addAndGet(length);                          // the whole frame, header included
                two.countDown();
            }));
            station.start().get(5, TimeUnit.SECONDS);
            send(station.endpoint());
            if (!two.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("Peer Up frames not handled: " + handled);
            }
            station.close();
        } finally {
            loop.shutdown(Duration.ofSeconds(5));
        }
        return handled.get();
    }

    /** Two Peer Ups, 40 and 70 006 bytes, written in pieces that cut through a header and a body. */
    private static void send(final Endpoint to) throws IOException {
        final ByteBuffer stream = ByteBuffer.allocate(40 + 70_006);
        for (int length : new int[] {40, 70_006}) {
            stream.put((byte) 3).putInt(length).put((byte) PEER_UP).position(stream.position() + length - 6);
        }
        stream.flip();
        try (SocketChannel peer = SocketChannel.open((InetSocketAddress) to.address())) {
            for (int piece : new int[] {3, 40, 20_000}) {
                peer.write(stream.slice(stream.position(), piece));
                stream.position(stream.position() + piece);
            }
            while (stream.hasRemaining()) {
                peer.write(stream);
            }
        }
    }
}
