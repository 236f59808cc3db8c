package org.bgpmgmt.examples;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.concurrent.CompletableFuture;
import org.bgpmgmt.event.EventLoop;
import org.bgpmgmt.event.Task;
import org.bgpmgmt.event.TaskHandle;

/**
 * An echo client on one event loop: a non-blocking connect task, then {@code count} ping-pong
 * round trips of a numbered 8-byte message, each checked against what was sent.
 */
public final class EchoClient {
    private final EventLoop loop;
    private final SocketChannel channel;
    private final int count;
    private final ByteBuffer out = ByteBuffer.allocateDirect(8);
    private final ByteBuffer in = ByteBuffer.allocateDirect(8);
    private final TaskHandle readTask = new TaskHandle("client_read");
    private final TaskHandle writeTask = new TaskHandle("client_write");
    private final Task read = this::read;
    private final Task write = this::write;
    private final CompletableFuture<Result> result = new CompletableFuture<>();
    private long sent;
    private long started;
    private long totalRttNanos;
    private long maxRttNanos;
    private long sendTime;

    /**
     * The figures of a finished run.
     *
     * @param roundTrips how many echoes came back intact
     * @param elapsedNanos the time for all of them
     * @param meanRttNanos the mean round trip
     * @param maxRttNanos the slowest round trip
     */
    public record Result(long roundTrips, long elapsedNanos, long meanRttNanos, long maxRttNanos) {
    }

    private EchoClient(final EventLoop loop, final SocketChannel channel, final int count) {
        this.loop = loop;
        this.channel = channel;
        this.count = count;
    }

    /**
     * Connects to {@code server} and runs {@code count} round trips on {@code loop}.
     *
     * @param loop the loop to run on
     * @param server the echo server
     * @param count how many round trips
     * @return a future completed with the figures, or failed on a wrong echo or I/O error
     * @throws IOException when the socket cannot be opened
     */
    public static CompletableFuture<Result> run(final EventLoop loop, final InetSocketAddress server, final int count)
        throws IOException {
        final SocketChannel channel = SocketChannel.open();
        channel.configureBlocking(false);
        final EchoClient client = new EchoClient(loop, channel, count);
        if (channel.connect(server)) {
            loop.addEvent(Task.named("client_connected", client::connected), client, 0, null);
        } else {
            loop.addConnect(channel, Task.named("client_connect", client::connected), client, null);
        }
        return client.result;
    }

    private void connected(final TaskHandle self) throws IOException {
        try {
            channel.finishConnect();
        } catch (IOException e) {
            fail(e);
            return;
        }
        started = System.nanoTime();
        send();
    }

    private void send() throws IOException {
        out.clear();
        out.putLong(0, sent);
        sendTime = System.nanoTime();
        write(writeTask);
    }

    private void write(final TaskHandle self) throws IOException {
        channel.write(out);
        if (out.hasRemaining()) {
            loop.addWrite(channel, write, this, writeTask);
        } else {
            loop.addRead(channel, read, this, readTask);
        }
    }

    private void read(final TaskHandle self) throws IOException {
        if (channel.read(in) < 0) {
            fail(new IOException("server closed after " + sent + " round trips"));
            return;
        }
        if (in.hasRemaining()) {
            loop.addRead(channel, read, this, readTask);
            return;
        }
        final long rtt = System.nanoTime() - sendTime;
        final long echoed = in.getLong(0);
        in.clear();
        if (echoed != sent) {
            fail(new IOException("sent " + sent + " but got " + echoed + " back"));
            return;
        }
        totalRttNanos += rtt;
        maxRttNanos = Math.max(maxRttNanos, rtt);
        if (++sent == count) {
            channel.close();
            result.complete(new Result(sent, System.nanoTime() - started, totalRttNanos / sent, maxRttNanos));
        } else {
            send();
        }
    }

    private void fail(final IOException e) throws IOException {
        loop.cancelByArg(this);
        channel.close();
        result.completeExceptionally(e);
    }
}
