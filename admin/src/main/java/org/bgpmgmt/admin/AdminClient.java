package org.bgpmgmt.admin;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Sends commands to an {@link AdminServer} and returns the answers, over the line protocol the
 * server documents, on the calling thread (no pool). Not thread-safe; one session per client.
 */
public final class AdminClient implements AutoCloseable {
    private final SocketChannel channel;
    private final Duration timeout;
    private final ByteBuffer in = ByteBuffer.allocate(8192);
    private final Selector selector;

    private AdminClient(final SocketChannel channel, final Duration timeout) throws IOException {
        this.channel = channel;
        this.selector = Selector.open();
        channel.configureBlocking(false);
        this.timeout = timeout;
        in.flip();
    }

    /**
     * Connects to {@code target}: {@code unix:PATH} or {@code HOST:PORT}.
     *
     * @param target where the server listens
     * @param timeout the longest wait for each answer
     * @return a connected client
     * @throws IOException when the connection fails
     */
    public static AdminClient connect(final String target, final Duration timeout) throws IOException {
        final SocketAddress address;
        final SocketChannel ch;
        if (target.startsWith("unix:")) {
            address = UnixDomainSocketAddress.of(Path.of(target.substring(5)));
            ch = SocketChannel.open(StandardProtocolFamily.UNIX);
        } else {
            final int colon = target.lastIndexOf(':');
            if (colon < 0) {
                throw new IllegalArgumentException("target must be unix:PATH or HOST:PORT: " + target);
            }
            final String host = target.substring(0, colon);
            address = new InetSocketAddress(host.isEmpty() ? InetAddress.getLoopbackAddress()
                : InetAddress.getByName(host), Integer.parseInt(target.substring(colon + 1)));
            ch = SocketChannel.open();
        }
        try {
            ch.connect(address);
            return new AdminClient(ch, timeout);
        } catch (IOException e) {
            ch.close();
            throw e;
        }
    }

    /**
     * Sends one command and returns its answer, on the calling thread.
     *
     * @param command the command line, without its newline
     * @return the answer text
     * @throws IOException when the connection fails, closes, or the answer does not come in time
     */
    public String send(final String command) throws IOException {
        final ByteBuffer out = ByteBuffer.wrap((command + "\n").getBytes(StandardCharsets.UTF_8));
        final long deadline = System.nanoTime() + timeout.toNanos();
        while (out.hasRemaining()) {
            if (channel.write(out) == 0) {
                await(SelectionKey.OP_WRITE, deadline, command);
            }
        }
        final ByteArrayOutputStream text = new ByteArrayOutputStream(1024);
        while (true) {
            while (in.hasRemaining()) {
                final byte b = in.get();
                if (b == 0) {
                    return text.toString(StandardCharsets.UTF_8);
                }
                text.write(b);
            }
            in.clear();
            final int n = channel.read(in);
            in.flip();
            if (n < 0) {
                throw new EOFException("the server closed the session before answering " + command);
            }
            if (n == 0) {
                await(SelectionKey.OP_READ, deadline, command);
            }
        }
    }

    private void await(final int op, final long deadline, final String command) throws IOException {
        final long left = deadline - System.nanoTime();
        if (left <= 0) {
            throw new IOException("no answer to " + command + " within " + timeout);
        }
        final SelectionKey key = channel.register(selector, op);
        selector.select(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
        key.interestOps(0);
    }

    /** Closes the session. Idempotent. */
    @Override
    public void close() throws IOException {
        try {
            channel.close();
        } finally {
            selector.close();
        }
    }
}
