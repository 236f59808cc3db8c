package org.bgpmgmt.examples;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import org.bgpmgmt.event.EventLoop;
import org.bgpmgmt.event.Task;
import org.bgpmgmt.event.TaskHandle;

/**
 * An echo server on one event loop: the smallest complete use of accept, read and write tasks.
 * Each connection reads into its buffer and writes back what it read; when the socket will not take
 * everything, it waits for a write task before reading more.
 */
public final class EchoServer implements AutoCloseable {
    private final EventLoop loop;
    private final ServerSocketChannel server;
    private final TaskHandle acceptTask = new TaskHandle("echo_accept");
    private final Task accept = this::accept;

    /**
     * Binds the server and schedules its first accept task.
     *
     * @param loop the loop that serves every connection
     * @param address where to listen, e.g. 127.0.0.1:0 for any free port
     * @throws IOException when binding fails
     */
    public EchoServer(final EventLoop loop, final InetSocketAddress address) throws IOException {
        this.loop = loop;
        this.server = ServerSocketChannel.open().bind(address);
        loop.addAccept(server, accept, this, acceptTask);
    }

    /**
     * Returns the bound address.
     *
     * @return the local address, with the real port
     * @throws IOException when the channel is closed
     */
    public InetSocketAddress address() throws IOException {
        return (InetSocketAddress) server.getLocalAddress();
    }

    private void accept(final TaskHandle self) throws IOException {
        final SocketChannel channel = server.accept();
        if (channel != null) {
            new Connection(channel).start();
        }
        loop.addAccept(server, accept, this, self);
    }

    /** Stops accepting; connections end when their peers close. */
    @Override
    public void close() throws IOException {
        loop.cancelByArg(this);
        server.close();
    }

    /** One accepted connection: its buffer and its two task handles. */
    private final class Connection {
        private final SocketChannel channel;
        private final ByteBuffer buffer = ByteBuffer.allocateDirect(8192);
        private final TaskHandle readTask = new TaskHandle("echo_read");
        private final TaskHandle writeTask = new TaskHandle("echo_write");
        private final Task read = this::read;
        private final Task write = this::write;

        Connection(final SocketChannel channel) {
            this.channel = channel;
        }

        void start() {
            loop.addRead(channel, read, this, readTask);
        }

        private void read(final TaskHandle self) throws IOException {
            final int n;
            try {
                n = channel.read(buffer);
            } catch (IOException e) {
                close();
                return;
            }
            if (n < 0) {
                close();
                return;
            }
            write(self);
        }

        private void write(final TaskHandle self) throws IOException {
            buffer.flip();
            channel.write(buffer);
            buffer.compact();
            if (buffer.position() > 0) {
                loop.addWrite(channel, write, this, writeTask); // socket full: wait, read no more
            } else {
                loop.addRead(channel, read, this, readTask);
            }
        }

        private void close() throws IOException {
            loop.cancelByArg(this);
            channel.close();
        }
    }
}
