package org.bgpmgmt.admin;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Sends commands to an {@link AdminServer} and returns the answers, over the line protocol the
 * server documents. Not thread-safe; one session per client.
 */
public final class AdminClient implements AutoCloseable {
    private final SocketChannel channel;
    private final Duration timeout;
    private final ByteBuffer in = ByteBuffer.allocate(8192);

    private AdminClient(final SocketChannel channel, final Duration timeout) {
        this.channel = channel;
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
        } catch (IOException e) {
            ch.close();
            throw e;
        }
        return new AdminClient(ch, timeout);
    }

    /**
     * Sends one command and returns its answer.
     *
     * @param command the command line, without its newline
     * @return the answer text
     * @throws IOException when the connection fails, closes, or the answer does not come in time
     */
    public String send(final String command) throws IOException {
        final ByteBuffer out = ByteBuffer.wrap((command + "\n").getBytes(StandardCharsets.UTF_8));
        while (out.hasRemaining()) {
            channel.write(out);
        }
        final CompletableFuture<String> answer = CompletableFuture.supplyAsync(this::readAnswer);
        try {
            return answer.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            channel.close();
            throw new IOException("interrupted waiting for the answer to " + command, e);
        } catch (TimeoutException e) {
            channel.close(); // unblocks the reader
            throw new IOException("no answer to " + command + " within " + timeout, e);
        } catch (ExecutionException e) {
            throw new IOException("reading the answer to " + command + " failed", e.getCause());
        }
    }

    private String readAnswer() {
        final ByteArrayOutputStream text = new ByteArrayOutputStream(1024);
        try {
            while (true) {
                while (in.hasRemaining()) {
                    final byte b = in.get();
                    if (b == 0) {
                        return text.toString(StandardCharsets.UTF_8);
                    }
                    text.write(b);
                }
                in.clear();
                if (channel.read(in) < 0) {
                    throw new java.io.UncheckedIOException(new java.io.EOFException("the server closed the session"));
                }
                in.flip();
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Closes the session. Idempotent. */
    @Override
    public void close() throws IOException {
        channel.close();
    }
}
