package org.bgpmgmt.event;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Pipe;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class SocketIoTest {
    private static final InetSocketAddress ANY_LOOPBACK_PORT = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);

    /** Everything of one echo exchange, driven by one-shot accept, connect, read and write tasks. */
    private static final class Exchange {
        final EventLoop loop;
        final byte[] payload;
        final ByteBuffer serverBuf = ByteBuffer.allocate(64);
        final ByteBuffer clientOut;
        final ByteBuffer clientIn;
        SocketChannel accepted;
        SocketChannel client;
        boolean done;

        Exchange(final EventLoop loop, final byte[] payload) {
            this.loop = loop;
            this.payload = payload;
            this.clientOut = ByteBuffer.wrap(payload);
            this.clientIn = ByteBuffer.allocate(payload.length);
        }

        void accept(final TaskHandle self) throws IOException {
            accepted = ((ServerSocketChannel) self.channel()).accept();
            loop.addRead(accepted, this::serverRead, this, null);
        }

        void serverRead(final TaskHandle self) throws IOException {
            if (accepted.read(serverBuf) < 0) {
                accepted.close();
                return;
            }
            serverBuf.flip();
            accepted.write(serverBuf);
            serverBuf.compact();
            loop.addRead(accepted, this::serverRead, this, self);
        }

        void connected(final TaskHandle self) throws IOException {
            assertTrue(client.finishConnect());
            loop.addWrite(client, this::clientWrite, this, null);
        }

        void clientWrite(final TaskHandle self) throws IOException {
            client.write(clientOut);
            if (clientOut.hasRemaining()) {
                loop.addWrite(client, this::clientWrite, this, self);
            } else {
                loop.addRead(client, this::clientRead, this, null);
            }
        }

        void clientRead(final TaskHandle self) throws IOException {
            client.read(clientIn);
            if (clientIn.hasRemaining()) {
                loop.addRead(client, this::clientRead, this, self);
            } else {
                done = true;
            }
        }
    }

    @Test
    void shouldAcceptConnectReadAndWriteThroughOneShotTasks() throws IOException {
        try (EventLoop loop = new EventLoop(new EventLoopConfig().name("echo"));
             ServerSocketChannel server = ServerSocketChannel.open().bind(ANY_LOOPBACK_PORT)) {
            final Exchange x = new Exchange(loop, "hello, loop".getBytes());
            loop.runOnce(0);
            loop.addAccept(server, x::accept, x, null);
            x.client = SocketChannel.open();
            x.client.configureBlocking(false);
            if (x.client.connect(server.getLocalAddress())) {
                loop.addWrite(x.client, x::clientWrite, x, null);
            } else {
                loop.addConnect(x.client, x::connected, x, null);
            }
            final long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (!x.done && System.nanoTime() < deadline) {
                loop.runOnce(100);
            }
            assertTrue(x.done, "echo did not complete");
            assertArrayEquals(x.payload, x.clientIn.array());
            assertNotNull(x.accepted);
            assertEquals(1, loop.cancelByArg(x), "the server read task was still scheduled");
            x.accepted.close();
            x.client.close();
        }
    }

    @Test
    void shouldNotTouchInterestOpsWhenAReadTaskReaddsItself() throws IOException {
        final Pipe pipe = Pipe.open();
        try (EventLoop loop = new EventLoop(new EventLoopConfig().name("churn"))) {
            final ByteBuffer in = ByteBuffer.allocateDirect(16);
            final int[] reads = new int[1];
            final TaskHandle readTask = new TaskHandle("read");
            final Task read = new Task() {
                @Override
                public void run(final TaskHandle self) throws IOException {
                    in.clear();
                    pipe.source().read(in);
                    reads[0]++;
                    loop.addRead(pipe.source(), this, null, self);
                }
            };
            loop.runOnce(0);
            loop.addRead(pipe.source(), read, null, readTask);
            final IoRegistration reg = loop.scheduler().registrationOf(pipe.source());
            final long changesAfterFirstAdd = reg.interestChanges;
            final ByteBuffer one = ByteBuffer.allocate(1);
            for (int i = 0; i < 1_000; i++) {
                one.clear();
                pipe.sink().write(one);
                loop.runOnce(1000);
            }
            assertEquals(1_000, reads[0]);
            assertEquals(changesAfterFirstAdd, reg.interestChanges, "interest ops changed on the hot path");
            assertTrue(loop.cancel(readTask));
            loop.runOnce(0);
            assertEquals(0, reg.interestOps(), "interest narrowed once the read is no longer wanted");
        } finally {
            pipe.source().close();
            pipe.sink().close();
        }
    }

    @Test
    void shouldNotLeakFileDescriptorsOverManyLoopsAndConnections() throws IOException {
        final Path fds = Paths.get("/proc/self/fd");
        if (!Files.isDirectory(fds)) {
            throw new IllegalStateException("this test needs /proc/self/fd (Linux)");
        }
        cycle(); // warm up lazily opened JDK descriptors
        final long before = count(fds);
        for (int i = 0; i < 1_000; i++) {
            cycle();
        }
        final long after = count(fds);
        assertTrue(after - before <= 2, "file descriptors grew from " + before + " to " + after);
    }

    private static void cycle() throws IOException {
        try (EventLoop loop = new EventLoop(new EventLoopConfig().name("fd-cycle"));
             ServerSocketChannel server = ServerSocketChannel.open().bind(ANY_LOOPBACK_PORT);
             SocketChannel client = SocketChannel.open(server.getLocalAddress())) {
            final boolean[] accepted = new boolean[1];
            loop.runOnce(0);
            loop.addAccept(server, self -> {
                ((ServerSocketChannel) self.channel()).accept().close();
                accepted[0] = true;
            }, null, null);
            loop.addRead(client, self -> { }, client, null);
            for (int i = 0; i < 100 && !accepted[0]; i++) {
                loop.runOnce(100);
            }
            assertTrue(accepted[0]);
        }
    }

    private static long count(final Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.count();
        }
    }
}
