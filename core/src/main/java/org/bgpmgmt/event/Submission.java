package org.bgpmgmt.event;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;

/**
 * One {@link EventLoop#submit} in flight: the work and the future its submitter holds. It runs as
 * an event with no argument, so {@link EventLoop#cancelByArg} never matches it; the only way it is
 * dropped unrun is the shutdown sweep, which rejects it. So its future always completes.
 *
 * <p>{@link #run} on the loop thread; {@link #reject} on whichever thread drops it.
 */
final class Submission<T> implements Task {
    private final Callable<T> work;
    private final CompletableFuture<T> future = new CompletableFuture<>();

    Submission(final Callable<T> work) {
        this.work = work;
    }

    CompletableFuture<T> future() {
        return future;
    }

    @Override
    public void run(final TaskHandle self) {
        if (future.isDone()) {
            return; // cancelled by its submitter: the work is skipped
        }
        try {
            future.complete(work.call());
        } catch (Exception e) {
            future.completeExceptionally(e);
        } catch (Error e) {
            future.completeExceptionally(e);
            throw e;
        }
    }

    void reject(final RejectedExecutionException why) {
        future.completeExceptionally(why);
    }

    /** Rejects {@code task} if it is a submission: the sweep dropped it before it ran. */
    static void rejectIfSubmission(final Task task, final String loopName) {
        if (task instanceof Submission) {
            ((Submission<?>) task).reject(
                new RejectedExecutionException("loop " + loopName + " shut down before the submitted work ran"));
        }
    }

    @Override
    public String name() {
        return TaskNames.submitName(work.getClass());
    }
}
