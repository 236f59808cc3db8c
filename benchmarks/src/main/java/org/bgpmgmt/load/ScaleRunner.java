package org.bgpmgmt.load;

import java.io.IOException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The scale run: N concurrent connections to one BgpMgmt server (one loop, its own process), each
 * sending one echo per second, checked. Reports the server's heap per connection (after GC), its
 * direct buffer memory and its loop thread's CPU.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar org.bgpmgmt.load.ScaleRunner [--connections 10000] [--seconds 20]
 * </pre>
 */
public final class ScaleRunner {
    private static final class Conn {
        final SocketChannel channel;
        final EchoChecker checker;
        final ByteBuffer in = ByteBuffer.allocate(256);
        final ByteBuffer out = ByteBuffer.allocate(64);

        Conn(final SocketChannel channel, final int index) {
            this.channel = channel;
            this.checker = new EchoChecker("connection " + index, 1);
        }
    }

    private ScaleRunner() {
    }

    /**
     * Runs the scale test and prints one line; exits 1 on a wrong or missing reply.
     *
     * @param args the command line
     * @throws Exception when the server cannot be started
     */
    public static void main(final String[] args) throws Exception {
        final int n = Integer.parseInt(LoadGenerator.value(args, "--connections", "10000"));
        final int seconds = Integer.parseInt(LoadGenerator.value(args, "--seconds", "20"));
        try (ServerUnderTest.JavaServer server = new ServerUnderTest.JavaServer("bgpmgmt",
                List.of(), "org.bgpmgmt.load.servers.BgpMgmtServer", "--max-connections", "50000")) {
            server.start();
            final long[] idle = server.heap();
            final List<Conn> conns = new ArrayList<>(n);
            try (Selector selector = Selector.open()) {
                for (int i = 0; i < n; i++) {
                    final SocketChannel ch = SocketChannel.open(server.endpoint.address());
                    ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
                    ch.configureBlocking(false);
                    final Conn c = new Conn(ch, i);
                    ch.register(selector, SelectionKey.OP_READ, c);
                    conns.add(c);
                }
                final long connected = System.nanoTime();
                final long[] before = server.heap();
                long replies = 0;
                final long end = connected + seconds * 1_000_000_000L;
                int next = 0;
                while (System.nanoTime() < end) {
                    // Spread the echoes evenly: each connection sends one per second.
                    final long due = (System.nanoTime() - connected) * n / 1_000_000_000L;
                    for (; next < due; next++) {
                        final Conn c = conns.get(next % n);
                        if (c.checker.inFlight() == 0) {
                            c.checker.writeRequest(c.out, System.nanoTime());
                            c.out.flip();
                            c.channel.write(c.out);
                            c.out.clear();
                        }
                    }
                    selector.select(5);
                    for (SelectionKey key : selector.selectedKeys()) {
                        replies += read((Conn) key.attachment());
                    }
                    selector.selectedKeys().clear();
                }
                final long[] after = server.heap();
                final double heapPerConn = (double) (after[0] - idle[0]) / n;
                System.out.printf(Locale.ROOT, "scale: %d connections, %d echoes checked in %d s;"
                        + " server heap %.1f MiB (%.0f B per connection), direct buffers %.1f MiB,"
                        + " loop CPU %.1f%%%n", n, replies, seconds, after[0] / 1048576.0, heapPerConn,
                    after[1] / 1048576.0, (after[2] - before[2]) / 1e7 / seconds);
            } finally {
                for (Conn c : conns) {
                    c.channel.close();
                }
            }
        }
    }

    private static int read(final Conn c) throws IOException {
        if (c.channel.read(c.in) < 0) {
            throw new LoadFailure("the server closed a connection");
        }
        int replies = 0;
        while (c.in.position() >= EchoChecker.ECHO_LENGTH) {
            c.checker.checkReply(c.in, 0, System.nanoTime());
            c.in.flip().position(EchoChecker.ECHO_LENGTH);
            c.in.compact();
            replies++;
        }
        return replies;
    }
}
