package org.bgpmgmt.examples.bgp;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import org.bgpmgmt.mgmt.Endpoint;
import org.bgpmgmt.wire.Header;

/**
 * A blocking peer for byte-level tests: writes raw bytes, reads whole frames (the part of core's
 * test helper the catalog's tests use).
 */
final class RawPeer implements AutoCloseable {
    private final SocketChannel channel;
    private final ByteBuffer in = ByteBuffer.allocate(65_536);

    /** Connects to {@code endpoint}, TCP or unix, in blocking mode. */
    RawPeer(final Endpoint endpoint) throws IOException {
        channel = endpoint.isUnix() ? SocketChannel.open(StandardProtocolFamily.UNIX) : SocketChannel.open();
        channel.connect(endpoint.address());
        in.flip();
    }

    void write(final byte[] bytes) throws IOException {
        final ByteBuffer b = ByteBuffer.wrap(bytes);
        while (b.hasRemaining()) {
            channel.write(b);
        }
    }

    /** Reads one whole frame (blocking, bounded by the socket's lifetime and the test's timeout). */
    ByteBuffer readFrame() throws IOException {
        fill(Header.HEADER_LENGTH);
        final int length = in.getShort(in.position() + 6) & 0xFFFF;
        fill(length);
        final ByteBuffer frame = ByteBuffer.allocate(length);
        frame.put(0, in, in.position(), length);
        in.position(in.position() + length);
        return frame;
    }

    /** Reads frames until one of {@code type} comes, and returns it. */
    ByteBuffer readUntil(final int type) throws IOException {
        ByteBuffer frame;
        do {
            frame = readFrame();
        } while (Header.typeAt(frame, 0) != type);
        return frame;
    }

    /** True when the server closed the connection (read returns -1 or a reset) within {@code timeout}. */
    boolean closedByPeer(final Duration timeout) throws IOException {
        channel.configureBlocking(false);
        final long deadline = System.nanoTime() + timeout.toNanos();
        final ByteBuffer sink = ByteBuffer.allocate(4096);
        try {
            while (System.nanoTime() - deadline < 0) {
                sink.clear();
                if (channel.read(sink) < 0) {
                    return true;
                }
                try {
                    Thread.sleep(2);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            return false;
        } catch (IOException e) {
            return true; // reset by the server
        } finally {
            if (channel.isOpen()) {
                channel.configureBlocking(true);
            }
        }
    }

    private void fill(final int needed) throws IOException {
        while (in.remaining() < needed) {
            in.compact();
            if (channel.read(in) < 0) {
                throw new IOException("peer closed with " + in.position() + " bytes buffered, wanted " + needed);
            }
            in.flip();
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
