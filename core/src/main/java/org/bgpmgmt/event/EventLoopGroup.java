package org.bgpmgmt.event;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * N started loops, one per core by default, and a round-robin choice of loop for each new channel.
 * A channel stays on the loop it was first added to: adding it to another loop of the group throws.
 * Any thread.
 */
public final class EventLoopGroup implements AutoCloseable {
    private final EventLoop[] loops;
    private final AtomicInteger next = new AtomicInteger();

    /**
     * Creates and starts one loop per available processor, named {@code NAME-0}, {@code NAME-1}, ...
     *
     * @param config the settings every loop is created with (its name is the prefix); read once,
     *     never changed
     */
    public EventLoopGroup(final EventLoopConfig config) {
        this(Runtime.getRuntime().availableProcessors(), config);
    }

    /**
     * Creates and starts {@code size} loops named {@code NAME-0}, {@code NAME-1}, ...
     *
     * @param size how many loops, at least 1
     * @param config the settings every loop is created with (its name is the prefix); read once,
     *     never changed
     */
    public EventLoopGroup(final int size, final EventLoopConfig config) {
        if (size < 1) {
            throw new IllegalArgumentException("size < 1: " + size);
        }
        // One snapshot, taken now: the caller may change or reuse its config afterwards.
        final EventLoopConfig base = config.copy();
        final String prefix = base.name();
        loops = new EventLoop[size];
        try {
            for (int i = 0; i < size; i++) {
                loops[i] = new EventLoop(base.copy().name(prefix + '-' + i)).start();
            }
        } catch (RuntimeException | Error e) {
            shutdown(base.shutdownTimeout()); // do not leak the loops already started
            throw e;
        }
    }

    /**
     * Returns the loop for a new channel, in round-robin order.
     *
     * @return one of the group's loops
     */
    public EventLoop next() {
        return loops[Math.floorMod(next.getAndIncrement(), loops.length)];
    }

    /**
     * Returns the loops of this group.
     *
     * @return an immutable list, in creation order
     */
    public List<EventLoop> loops() {
        return List.of(loops);
    }

    /**
     * Shuts every loop down and waits for all of them within {@code timeout} overall.
     *
     * @param timeout the longest wait for all loops together
     * @return true if every loop stopped in time
     */
    public boolean shutdown(final Duration timeout) {
        for (EventLoop loop : loops) {
            if (loop != null) {
                loop.shutdown(Duration.ZERO);
            }
        }
        final long deadline = System.nanoTime() + timeout.toNanos();
        boolean all = true;
        for (EventLoop loop : loops) {
            if (loop != null) {
                all &= loop.awaitTermination(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
            }
        }
        return all;
    }

    /** Shuts every loop down, waiting up to 5 s. Idempotent. */
    @Override
    public void close() {
        shutdown(Duration.ofSeconds(5));
    }
}
