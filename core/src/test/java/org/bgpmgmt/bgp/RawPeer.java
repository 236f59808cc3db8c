package org.bgpmgmt.bgp;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import org.bgpmgmt.mgmt.Endpoint;
import org.bgpmgmt.wire.Header;

/** A blocking peer for byte-level tests: writes raw frames, reads whole frames. */
final class RawPeer implements AutoCloseable {
    private final SocketChannel channel;
    private final ByteBuffer in = ByteBuffer.allocate(65_536);

    /** Connects to {@code endpoint}, TCP or unix. */
    RawPeer(final Endpoint endpoint) throws IOException {
        channel = endpoint.isUnix() ? SocketChannel.open(StandardProtocolFamily.UNIX) : SocketChannel.open();
        channel.connect(endpoint.address());
        in.flip();
    }

    void write(final byte[] frame) throws IOException {
        final ByteBuffer b = ByteBuffer.wrap(frame);
        while (b.hasRemaining()) {
            channel.write(b);
        }
    }

    /** Reads one whole frame (blocking; bounded by the test's timeout). */
    ByteBuffer readFrame() throws IOException {
        fill(Header.HEADER_LENGTH);
        final int length = in.getShort(in.position() + 6) & 0xFFFF;
        fill(length);
        final ByteBuffer frame = ByteBuffer.allocate(length);
        frame.put(0, in, in.position(), length);
        in.position(in.position() + length);
        return frame;
    }

    /** Reads frames until one of {@code type} comes; returns it. */
    ByteBuffer readUntil(final int type) throws IOException {
        ByteBuffer frame;
        do {
            frame = readFrame();
        } while (Header.typeAt(frame, 0) != type);
        return frame;
    }

    /** True when the other side closed the connection within {@code timeout}. */
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
                Thread.sleep(2);
            }
            return false;
        } catch (IOException e) {
            return true; // reset
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
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
