package org.bgpmgmt.load.servers;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.function.Consumer;
import org.bgpmgmt.mgmt.Endpoint;

/**
 * The Java floor: a hand-written NIO echo loop with no framework. One thread, one selector,
 * {@code select(Consumer)} with no garbage; per connection one read, every whole frame of it
 * answered into one output buffer (bfdd_time read once for the batch), one write. ECHO_REQUEST
 * only. {@code --listen HOST:PORT}.
 */
public final class RawNioEchoServer {
    private static final int ECHO_LENGTH = 24;

    private static final class Conn {
        final SocketChannel channel;
        final ByteBuffer in = ByteBuffer.allocateDirect(8192);
        final ByteBuffer out = ByteBuffer.allocateDirect(8192);

        Conn(final SocketChannel channel) {
            this.channel = channel;
        }
    }

    private final Selector selector;
    private final ServerSocketChannel server;
    private final Consumer<SelectionKey> onReady = this::ready;

    private RawNioEchoServer(final InetSocketAddress at) throws IOException {
        selector = Selector.open();
        server = ServerSocketChannel.open();
        server.setOption(StandardSocketOptions.SO_REUSEADDR, true);
        server.bind(at, 1024);
        server.configureBlocking(false);
        server.register(selector, SelectionKey.OP_ACCEPT);
    }

    /**
     * Runs the server until stdin says stop.
     *
     * @param args the command line
     * @throws Exception when it cannot start
     */
    public static void main(final String[] args) throws Exception {
        final Endpoint listen = Endpoint.parse(ServerProcess.arg(args, "--listen", "127.0.0.1:0"));
        final RawNioEchoServer s = new RawNioEchoServer((InetSocketAddress) listen.address());
        final Thread loop = new Thread(s::run, "raw-nio-loop");
        loop.setDaemon(true);
        loop.start();
        ServerProcess.serve(Endpoint.tcp((InetSocketAddress) s.server.getLocalAddress()).toString(), loop.getId());
        s.selector.close();
    }

    private void run() {
        try {
            while (selector.isOpen()) {
                selector.select(onReady);
            }
        } catch (IOException | java.nio.channels.ClosedSelectorException e) {
            // stopped
        }
    }

    private void ready(final SelectionKey key) {
        try {
            if (key.isAcceptable()) {
                SocketChannel ch;
                while ((ch = server.accept()) != null) {
                    ch.configureBlocking(false);
                    ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
                    ch.register(selector, SelectionKey.OP_READ, new Conn(ch));
                }
                return;
            }
            final Conn c = (Conn) key.attachment();
            if (key.isReadable() && !read(c, key)) {
                return;
            }
            if (c.out.position() > 0) {
                write(c, key);
            }
        } catch (IOException e) {
            close(key);
        }
    }

    private boolean read(final Conn c, final SelectionKey key) throws IOException {
        if (c.channel.read(c.in) < 0) {
            close(key);
            return false;
        }
        final int end = c.in.position();
        final long micros = System.currentTimeMillis() * 1000; // bfdd_time: one clock read per read batch
        int at = 0;
        while (end - at >= 8) {
            final int length = c.in.getShort(at + 6) & 0xFFFF;
            if (length < 8 || end - at < length) {
                break;
            }
            if (c.in.getShort(at + 2) == 0 && length == ECHO_LENGTH && c.out.remaining() >= ECHO_LENGTH) {
                final int o = c.out.position();
                c.out.put(o, (byte) 1).put(o + 1, (byte) 0).putShort(o + 2, (short) 1)
                    .putShort(o + 4, c.in.getShort(at + 4)).putShort(o + 6, (short) ECHO_LENGTH)
                    .putLong(o + 8, c.in.getLong(at + 8)).putLong(o + 16, micros);
                c.out.position(o + ECHO_LENGTH);
            }
            at += length;
        }
        c.in.limit(end).position(at);
        c.in.compact();
        return true;
    }

    private void write(final Conn c, final SelectionKey key) throws IOException {
        c.out.flip();
        c.channel.write(c.out);
        c.out.compact();
        final int ops = c.out.position() > 0 ? SelectionKey.OP_READ | SelectionKey.OP_WRITE : SelectionKey.OP_READ;
        if (key.interestOps() != ops) {
            key.interestOps(ops);
        }
    }

    private static void close(final SelectionKey key) {
        key.cancel();
        try {
            key.channel().close();
        } catch (IOException e) {
            // closing anyway
        }
    }
}
