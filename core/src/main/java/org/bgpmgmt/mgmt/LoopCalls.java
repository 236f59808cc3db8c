package org.bgpmgmt.mgmt;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import org.bgpmgmt.event.EventLoop;
import org.bgpmgmt.event.Task;

/**
 * How a context's any-thread methods hop onto its loop: run at once on the loop thread, else as
 * an event on the next turn; a call that returns a value waits for it. Any thread.
 */
final class LoopCalls {
    private final EventLoop loop;
    private final Task call;

    LoopCalls(final EventLoop loop, final String name) {
        this.loop = loop;
        this.call = Task.named(name + "_call", self -> ((Runnable) self.arg()).run());
    }

    /** Runs {@code work} on the loop: now if on it, else on the next turn. */
    void run(final Runnable work) {
        if (loop.inLoop()) {
            work.run();
        } else {
            loop.addEvent(call, work, 0, null);
        }
    }

    /**
     * Runs {@code work} on the loop and returns its result, waiting when called elsewhere. A
     * stopped loop runs nothing concurrently any more, so the caller runs it itself.
     */
    <T> T call(final Supplier<T> work) {
        if (loop.inLoop() || loop.isTerminated()) {
            return work.get();
        }
        final CompletableFuture<T> result = new CompletableFuture<>();
        loop.addEvent(call, (Runnable) () -> {
            try {
                result.complete(work.get());
            } catch (RuntimeException | Error e) {
                result.completeExceptionally(e);
            }
        }, 0, null);
        try {
            return result.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException) {
                throw (RuntimeException) e.getCause();
            }
            throw e;
        }
    }
}
