package org.bgpmgmt.bgp;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import org.bgpmgmt.event.EventLoop;
import org.bgpmgmt.event.Task;

/**
 * Moves the catalog's public calls onto its context's loop, which is known only from {@code
 * attach} on. Any thread.
 *
 * <p>A call made on the loop thread runs inline, except before the attach step itself has run on
 * the loop: then it is queued behind that step, so that peers staged before attach are applied
 * first and never overwrite a later update.
 *
 * <p>Before attach the context may already deliver catalog frames (it connects as soon as it is
 * created), and a listener may answer them, e.g. report a peer's state. The handler learns the
 * loop from the frame's connection ({@code Connection.loop()}), and such a call, made on that
 * loop's thread, runs inline: the loop owns the table then as later, and the sender reaches each
 * connection's loop the same way, so what the call makes owed is sent at once.
 */
final class LoopHop {
    private final Task call = Task.named("bgp_catalog_call", self -> ((Runnable) self.arg()).run());
    private volatile EventLoop loop;
    private volatile EventLoop handlerLoop;
    private boolean started; // loop thread only

    /** Binds the loop; the caller holds the catalog's monitor. */
    void bind(final EventLoop value) {
        loop = value;
    }

    boolean isBound() {
        return loop != null;
    }

    /** The catalog's handler runs on {@code value}, the loop of the connection it serves. */
    void handlerRunsOn(final EventLoop value) {
        if (handlerLoop == null) {
            handlerLoop = value;
        }
    }

    /** The attach step ran on the loop: from now on loop-thread calls run inline. Loop thread. */
    void started() {
        started = true;
    }

    /** Runs {@code work} on the loop: now when on it, else on the next turn. */
    void run(final Runnable work) {
        final EventLoop l = bound();
        if (l == null || l.inLoop() && started) {
            work.run();
        } else {
            l.addEvent(call, work, 0, null);
        }
    }

    /** Runs {@code work} on the loop and returns its result, waiting when called elsewhere. */
    <T> T call(final Supplier<T> work) {
        final EventLoop l = bound();
        if (l == null || l.inLoop() || l.isTerminated()) {
            return work.get(); // waiting for ourselves would never end; a dead loop runs nothing
        }
        final CompletableFuture<T> result = new CompletableFuture<>();
        l.addEvent(call, (Runnable) () -> {
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

    /** Returns the loop, or null when the caller runs on the handler's loop before attach. */
    private EventLoop bound() {
        final EventLoop l = loop;
        if (l == null) {
            final EventLoop h = handlerLoop;
            if (h == null || !h.inLoop()) {
                throw new IllegalStateException("attach the BGP peer catalog to its context first");
            }
        }
        return l;
    }
}
