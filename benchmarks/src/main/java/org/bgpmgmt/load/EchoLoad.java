package org.bgpmgmt.load;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import org.bgpmgmt.mgmt.Endpoint;

/**
 * The echo workload: C connections, each keeping W ECHO_REQUESTs in flight, on one thread and one
 * selector with no framework, so that the same client measures every server. After the warm-up it
 * records every round trip for the measured time, then collects every outstanding reply, so a
 * missing reply fails the run instead of vanishing.
 */
final class EchoLoad {
    /** What to run. */
    record Options(Endpoint target, int connections, int window, Duration warmup, Duration duration,
                   Duration stallTimeout, Runnable atMeasureStart, Runnable atMeasureEnd, SSLContext tls) {
        Options(final Endpoint target, final int connections, final int window, final Duration warmup,
                final Duration duration, final Duration stallTimeout) {
            this(target, connections, window, warmup, duration, stallTimeout, () -> { }, () -> { }, null);
        }

        Options(final Endpoint target, final int connections, final int window, final Duration warmup,
                final Duration duration, final Duration stallTimeout, final Runnable atMeasureStart,
                final Runnable atMeasureEnd) {
            this(target, connections, window, warmup, duration, stallTimeout, atMeasureStart, atMeasureEnd, null);
        }
    }

    /** What was measured. */
    record Result(long messages, double seconds, long p50Nanos, long p99Nanos, long p999Nanos, long maxNanos,
                  long zeroIdReplies) {
        double perSecond() {
            return messages / seconds;
        }
    }

    private static final class Conn {
        final SocketChannel channel;
        final EchoChecker checker;
        final ByteBuffer in = ByteBuffer.allocateDirect(64 * 1024);
        final ByteBuffer out;
        final TlsPipe tls; // null: plain TCP
        SelectionKey key;

        Conn(final SocketChannel channel, final TlsPipe tls, final int index, final int window) {
            this.channel = channel;
            this.tls = tls;
            this.checker = new EchoChecker("connection " + index, window);
            this.out = ByteBuffer.allocateDirect(Math.max(4096, window * EchoChecker.ECHO_LENGTH * 2));
        }
    }

    private EchoLoad() {
    }

    static Result run(final Options o) throws IOException {
        final List<Conn> conns = new ArrayList<>(o.connections());
        try (Selector selector = Selector.open()) {
            for (int i = 0; i < o.connections(); i++) {
                conns.add(open(o, i, selector));
            }
            return drive(o, conns, selector);
        } finally {
            for (Conn c : conns) {
                c.channel.close();
            }
        }
    }

    private static Conn open(final Options o, final int index, final Selector selector) throws IOException {
        final TlsPipe tls;
        final SocketChannel ch = o.target().isUnix() ? SocketChannel.open(StandardProtocolFamily.UNIX)
            : SocketChannel.open();
        try {
            ch.connect(o.target().address());
            if (!o.target().isUnix()) {
                ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
            }
            tls = o.tls() == null ? null : new TlsPipe(o.tls(), ch); // handshake before the clock starts
            ch.configureBlocking(false);
        } catch (IOException e) {
            ch.close();
            throw new IOException("connection " + index + " to " + o.target() + " failed: " + e.getMessage(), e);
        }
        final Conn c = new Conn(ch, tls, index, o.window());
        c.key = ch.register(selector, SelectionKey.OP_READ, c);
        return c;
    }

    private static Result drive(final Options o, final List<Conn> conns, final Selector selector) throws IOException {
        final LatencyHistogram histogram = new LatencyHistogram();
        final long start = System.nanoTime();
        final long measureFrom = start + o.warmup().toNanos();
        final long measureTo = measureFrom + o.duration().toNanos();
        long lastProgress = start;
        long measured = 0;
        for (Conn c : conns) {
            fill(c, o.window(), start);
            flush(c);
        }
        boolean sending = true;
        boolean started = false;
        while (true) {
            selector.select(100);
            final long now = System.nanoTime();
            if (!started && now - measureFrom >= 0) {
                started = true;
                o.atMeasureStart().run();
            }
            if (sending && now - measureTo >= 0) {
                sending = false; // collect what is in flight, send nothing more
                o.atMeasureEnd().run();
            }
            for (SelectionKey key : selector.selectedKeys()) {
                final Conn c = (Conn) key.attachment();
                if (key.isValid() && key.isReadable()) {
                    final int replies = read(c, now, histogram, now - measureFrom >= 0 && now - measureTo < 0);
                    if (replies > 0) {
                        lastProgress = now;
                        if (now - measureFrom >= 0 && now - measureTo < 0) {
                            measured += replies;
                        }
                        if (sending) {
                            fill(c, o.window(), now);
                        }
                    }
                }
                if (key.isValid() && (key.isWritable() || c.out.position() > 0 || c.tls != null && c.tls.pending())) {
                    flush(c);
                }
            }
            selector.selectedKeys().clear();
            if (!sending && inFlight(conns) == 0) {
                break;
            }
            if (now - lastProgress > o.stallTimeout().toNanos()) {
                throw new LoadFailure("no reply for " + o.stallTimeout().toMillis() + " ms with " + inFlight(conns)
                    + " requests in flight: replies are missing");
            }
        }
        long zeroIds = 0;
        for (Conn c : conns) {
            zeroIds += c.checker.zeroIdReplies;
        }
        return new Result(measured, o.duration().toNanos() / 1e9, histogram.percentile(50), histogram.percentile(99),
            histogram.percentile(99.9), histogram.max(), zeroIds);
    }

    private static long inFlight(final List<Conn> conns) {
        long n = 0;
        for (Conn c : conns) {
            n += c.checker.inFlight();
        }
        return n;
    }

    private static void fill(final Conn c, final int window, final long now) {
        while (c.checker.inFlight() < window && c.out.remaining() >= EchoChecker.ECHO_LENGTH) {
            c.checker.writeRequest(c.out, now);
        }
    }

    private static int read(final Conn c, final long now, final LatencyHistogram histogram, final boolean record)
        throws IOException {
        final int n = c.tls == null ? c.channel.read(c.in) : c.tls.read(c.in);
        if (n < 0) {
            throw new LoadFailure("the server closed " + c.checker.inFlight() + " requests early");
        }
        int at = 0;
        int replies = 0;
        final int end = c.in.position();
        while (end - at >= 8) {
            final int length = c.in.getShort(at + 6) & 0xFFFF;
            if (length < 8) {
                throw new LoadFailure("frame length " + length + " below the header");
            }
            if (end - at < length) {
                break;
            }
            final long rtt = c.checker.checkReply(c.in, at, now);
            if (record) {
                histogram.record(rtt);
            }
            replies++;
            at += length;
        }
        c.in.limit(end).position(at);
        c.in.compact();
        return replies;
    }

    private static void flush(final Conn c) throws IOException {
        final boolean tlsPending = c.tls != null && c.tls.pending();
        if (c.out.position() == 0 && !tlsPending) {
            return;
        }
        c.out.flip();
        if (c.tls == null) {
            c.channel.write(c.out);
        } else {
            c.tls.write(c.out);
        }
        c.out.compact();
        final int ops = c.out.position() > 0 || c.tls != null && c.tls.pending() ? SelectionKey.OP_READ | SelectionKey.OP_WRITE : SelectionKey.OP_READ;
        if (c.key.interestOps() != ops) {
            c.key.interestOps(ops);
        }
    }
}
