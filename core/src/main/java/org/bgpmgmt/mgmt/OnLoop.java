package org.bgpmgmt.mgmt;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.bgpmgmt.event.EventLoop;

/**
 * How the context and its catalogs reach their loop from any thread: one call, on {@link
 * EventLoop#submit}, whose future always completes within a bound and which never waits. Any thread.
 */
final class OnLoop {
    /** A bound of none: for a call made before the loop may be running, such as a context's start. */
    static final long UNBOUNDED = Long.MAX_VALUE;

    private OnLoop() {
    }

    /**
     * Runs {@code work} on {@code loop}: at once on its thread, else on the next turn. The future always
     * completes: with the work's value or exception, with {@link RequestTimeoutException} naming {@code call}
     * when the loop has not started it within {@code timeoutNanos} (a stuck loop: the submission then finds its
     * future done and skips the work, unless it had already started),
     * or with {@link java.util.concurrent.RejectedExecutionException} once the loop has stopped.
     */
    static <T> CompletableFuture<T> call(final EventLoop loop, final String call, final long timeoutNanos,
                                         final Callable<T> work) {
        if (loop.inLoop()) {
            try {
                return CompletableFuture.completedFuture(work.call());
            } catch (Exception e) {
                return CompletableFuture.failedFuture(e);
            }
        }
        final CompletableFuture<T> f = loop.submit(work);
        if (f.isDone() || timeoutNanos == UNBOUNDED) {
            return f;
        }
        return f.orTimeout(timeoutNanos, TimeUnit.NANOSECONDS).exceptionallyCompose(e -> {
            final Throwable cause = e instanceof java.util.concurrent.CompletionException && e.getCause() != null
                ? e.getCause() : e;
            return CompletableFuture.failedFuture(cause instanceof TimeoutException
                ? new RequestTimeoutException(call + ": loop " + loop.name() + " did not run it within "
                    + timeoutNanos / 1_000_000 + " ms (callTimeout)") : cause);
        });
    }

    /** {@link #call} of work that itself returns a future: completes as that future does. */
    static <T> CompletableFuture<T> future(final EventLoop loop, final String call, final long timeoutNanos,
                                           final Callable<CompletableFuture<T>> work) {
        return call(loop, call, timeoutNanos, work).thenCompose(f -> f);
    }
}
