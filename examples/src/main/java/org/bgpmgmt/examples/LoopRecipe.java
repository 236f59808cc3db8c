package org.bgpmgmt.examples;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.bgpmgmt.event.EventLoop;
import org.bgpmgmt.event.EventLoopConfig;
import org.bgpmgmt.event.Task;
import org.bgpmgmt.event.TaskHandle;

/**
 * The README's event-loop recipe, compiled here and run by {@code LoopRecipeTest}. The README and
 * docs/event-loop.md show the lines of {@link #readUntilClosed} from {@code EventLoop loop} to the end
 * of {@code Connection}, minus the test's bookkeeping; {@code DocRecipesTest} checks every shown line is
 * here, in order. Not thread-safe.
 */
final class LoopRecipe {
    private final AtomicLong handled = new AtomicLong();
    private final CountDownLatch closed = new CountDownLatch(1);

    /**
     * Reads {@code accepted} on a loop of its own until the peer closes it, then stops the loop.
     *
     * @return the bytes handled, or -1 when the peer did not close within {@code timeout}
     */
    long readUntilClosed(final SocketChannel accepted, final Duration timeout) throws Exception {
        EventLoop loop = new EventLoop(new EventLoopConfig().name("my-daemon")).start();

        final class Connection {
            final SocketChannel channel;
            final ByteBuffer in = ByteBuffer.allocateDirect(8192);
            final TaskHandle readTask = new TaskHandle("conn_read"); // names the row in loop.showCpu()
            final Task read = this::read;                           // one Task object, made once

            Connection(SocketChannel channel) {
                this.channel = channel;
                loop.addRead(channel, read, this, readTask);
            }

            void read(TaskHandle self) throws IOException {
                if (channel.read(in) < 0) {
                    loop.cancelByArg(this);                       // everything scheduled for this connection
                    channel.close();
                    closed.countDown();
                    return;
                }
                handle(in.flip());                                // your protocol: consume the whole frames
                in.compact();                                     // keep a partial frame for the next read
                loop.addRead(channel, read, this, readTask);      // one-shot: add again to read again
            }
        }

        try {
            new Connection(accepted);
            return closed.await(timeout.toMillis(), TimeUnit.MILLISECONDS) ? handled.get() : -1;
        } finally {
            loop.shutdown(Duration.ofSeconds(5));
        }
    }

    /** Stands in for a protocol: takes every byte as handled. */
    private void handle(final ByteBuffer in) {
        handled.addAndGet(in.remaining());
        in.position(in.limit());
    }
}
