package org.bgpmgmt.event;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A value the loop computes and other threads read without waiting on a stuck loop: the way a
 * loop's figures (task statistics, a context's counters, session tables) reach other threads.
 *
 * <p><b>How fresh.</b> A read on the loop thread computes the value there and then. A read from
 * another thread asks the loop for a fresh value and waits for it while the loop makes progress,
 * so a healthy loop answers with figures as of its next turn. The read stops waiting, and returns
 * the value the loop published last, as soon as one task has held the loop longer than the
 * <em>patience</em> given at creation (or after the loop's shutdown timeout at the latest); while
 * a task is stuck, every read returns at once with the figures from before the stall, and
 * {@link #ageNanos()} says how old they are. A read from another loop's thread never waits, and
 * at most one request is in flight, so a stall never piles requests up.
 *
 * <p>Any thread.
 *
 * @param <T> the value's type; it must be immutable, since every reader shares it
 */
public final class LoopSnapshot<T> {
    /**
     * The library's one patience for figure reads: how long a task may hold the loop before a read
     * stops waiting for fresh figures and answers with the last ones (50 ms).
     */
    public static final Duration PATIENCE = Duration.ofMillis(50);
    private static final long POLL_NANOS = 2_000_000;
    /** The refresh runs under this name in {@code show event cpu}, as FRR's own CLI tasks do. */
    private static final Task REFRESH = Task.named("loop figures", self -> ((Refresh<?>) self.arg()).run());
    private final EventLoop loop;
    private final Callable<T> compute;
    private final long patienceNanos;
    private volatile Stamped<T> current;
    private volatile CompletableFuture<T> inFlight;

    private LoopSnapshot(final EventLoop loop, final Callable<T> compute, final T initial, final Duration patience) {
        this.loop = Objects.requireNonNull(loop, "loop");
        this.compute = Objects.requireNonNull(compute, "compute");
        this.patienceNanos = Objects.requireNonNull(patience, "patience").toNanos();
        if (patienceNanos < 0) {
            throw new IllegalArgumentException("patience < 0: " + patience);
        }
        this.current = new Stamped<>(initial, System.nanoTime());
    }

    /**
     * Creates a snapshot of what {@code compute} returns on {@code loop}'s thread, with the library's
     * {@link #PATIENCE}.
     *
     * @param loop the loop that owns the figures
     * @param compute makes the value; runs on the loop thread only
     * @param initial what reads return before the loop has published anything
     * @param <T> the value's type
     * @return the snapshot; nothing is computed until the first read
     */
    public static <T> LoopSnapshot<T> of(final EventLoop loop, final Callable<T> compute, final T initial) {
        return new LoopSnapshot<>(loop, compute, initial, PATIENCE);
    }

    /**
     * Creates a snapshot of what {@code compute} returns on {@code loop}'s thread.
     *
     * @param loop the loop that owns the figures
     * @param compute makes the value; runs on the loop thread only
     * @param initial what reads return before the loop has published anything
     * @param patience how long one task may have held the loop before a read stops waiting
     * @param <T> the value's type
     * @return the snapshot; nothing is computed until the first read
     */
    public static <T> LoopSnapshot<T> of(final EventLoop loop, final Callable<T> compute, final T initial,
                                         final Duration patience) {
        return new LoopSnapshot<>(loop, compute, initial, patience);
    }

    /**
     * Returns the freshest value available, as the class describes. Any thread; waits only while
     * the loop makes progress, and never on another loop's thread.
     *
     * @return the value the loop published last (or the initial value)
     * @throws IllegalStateException when computing it on the loop thread fails
     */
    public T read() {
        if (loop.inLoop()) {
            return publish();
        }
        CompletableFuture<T> r = inFlight;
        if (r == null || r.isDone()) {
            r = request();
        }
        if (r != null && !EventLoop.inAnyLoop()) {
            awaitFresh(r);
        }
        return current.value;
    }

    /**
     * Returns how long ago the value {@link #read()} returns was computed.
     *
     * @return nanoseconds since the last publication
     */
    public long ageNanos() {
        return System.nanoTime() - current.atNanos;
    }

    private void awaitFresh(final CompletableFuture<T> fresh) {
        final long deadline = System.nanoTime() + loop.shutdownTimeout.toNanos();
        while (true) {
            try {
                fresh.get(POLL_NANOS, TimeUnit.NANOSECONDS);
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (ExecutionException e) {
                return; // the loop stopped or the computation failed: answer what we have
            } catch (TimeoutException e) {
                if (loop.heldLongerThan(patienceNanos) || System.nanoTime() - deadline >= 0) {
                    return;
                }
            }
        }
    }

    private CompletableFuture<T> request() {
        if (loop.isShutdown() || !loop.lifecycle.hasThread()) {
            return null;
        }
        final CompletableFuture<T> r = new CompletableFuture<>();
        try {
            loop.addEvent(REFRESH, new Refresh<>(this, r), 0, null);
        } catch (RejectedExecutionException e) {
            return null;
        }
        inFlight = r; // racing readers may each send one; the loop computes each, harmlessly
        return r;
    }

    private T publish() {
        try {
            final T value = compute.call();
            current = new Stamped<>(value, System.nanoTime());
            return value;
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("computing a snapshot on loop " + loop.name() + " failed", e);
        }
    }

    private record Stamped<T>(T value, long atNanos) {
    }

    /** One request: the snapshot to refresh and the future its readers wait on. */
    private record Refresh<T>(LoopSnapshot<T> snapshot, CompletableFuture<T> done) {
        void run() {
            try {
                done.complete(snapshot.publish());
            } catch (RuntimeException e) {
                done.completeExceptionally(e);
                throw e;
            }
        }
    }
}
