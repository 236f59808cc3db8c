package org.bgpmgmt.mgmt;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.bgpmgmt.event.EventLoop;

/**
 * How the context reaches its loop: {@link EventLoop#submit}, and the blocking conveniences built
 * on it, which wait with a bound and never on the thread of a loop. Any thread.
 */
final class OnLoop {
    private OnLoop() {
    }

    /**
     * {@link EventLoop#submit}, whose refusal always arrives in the future: a loop that has stopped
     * may also refuse by throwing, and callers here handle one path only.
     */
    static <T> CompletableFuture<T> submit(final EventLoop loop, final Callable<T> work) {
        try {
            return loop.submit(work);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /**
     * Runs {@code work} on {@code loop} and returns its result: inline on that loop's thread, else
     * waiting at most {@code timeoutNanos}. Refuses to block the thread of another loop.
     *
     * @throws IllegalStateException naming {@code call} when on another loop's thread, or when the
     *     loop does not answer in time
     * @throws java.util.concurrent.RejectedExecutionException when the loop has stopped
     */
    static <T> T await(final EventLoop loop, final String call, final long timeoutNanos, final Callable<T> work) {
        if (loop.inLoop()) {
            try {
                return work.call();
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(call + " failed", e);
            }
        }
        if (EventLoop.inAnyLoop()) {
            throw new IllegalStateException(call + " would block the thread of another loop waiting for loop "
                + loop.name() + "; use its asynchronous form, or call it from the loop " + loop.name());
        }
        final CompletableFuture<T> f = submit(loop, work);
        try {
            return f.get(timeoutNanos, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(call + " was interrupted", e);
        } catch (TimeoutException e) {
            throw new IllegalStateException(call + ": loop " + loop.name() + " did not answer within "
                + timeoutNanos / 1_000_000 + " ms (callTimeout)", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException) {
                throw (RuntimeException) e.getCause();
            }
            throw new IllegalStateException(call + " failed", e.getCause());
        }
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
        final CompletableFuture<T> f = submit(loop, work);
        if (f.isDone()) {
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

    /** Runs {@code work}, which returns a future, at once on the loop thread, else on the next turn. */
    static <T> CompletableFuture<T> future(final EventLoop loop, final Callable<CompletableFuture<T>> work) {
        if (!loop.inLoop()) {
            return submit(loop, work).thenCompose(f -> f);
        }
        try {
            return work.call();
        } catch (Exception e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /**
     * Runs {@code work} at once on the loop thread, else on the next turn without waiting for it.
     *
     * @throws java.util.concurrent.RejectedExecutionException when the loop has stopped, so that
     *     a change is never lost in silence
     */
    static void run(final EventLoop loop, final Runnable work) {
        if (loop.inLoop()) {
            work.run();
            return;
        }
        final CompletableFuture<Void> f = submit(loop, () -> {
            work.run();
            return null;
        });
        if (f.isCompletedExceptionally()) {
            try {
                f.getNow(null); // already completed: never waits
            } catch (java.util.concurrent.CompletionException e) {
                throw (RuntimeException) e.getCause(); // rejected at once: the loop has stopped
            }
        }
    }
}
