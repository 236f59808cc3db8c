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
final class LoopCalls {
    private LoopCalls() {
    }

    /** Runs {@code work} on {@code loop}: {@link EventLoop#submit}, the one way onto a loop. */
    static <T> CompletableFuture<T> submit(final EventLoop loop, final Callable<T> work) {
        return loop.submit(work);
    }

    /**
     * Runs {@code work} on {@code loop} and returns its result: inline on that loop's thread, else
     * waiting at most {@code timeoutNanos}. Refuses to block the thread of another loop.
     *
     * @throws IllegalStateException naming {@code call} when on another loop's thread, or when the
     *     loop does not answer in time or has stopped
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
        final CompletableFuture<T> f = loop.submit(work);
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
}
