package org.bgpmgmt.event;

import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * An {@link Executor} view of one loop: each command runs once on the loop thread as an event,
 * accounted under the name {@code "executor"}, in the order submitted from one thread. Any thread;
 * it never blocks. A command given after shutdown throws
 * {@link java.util.concurrent.RejectedExecutionException}, as the {@code Executor} contract asks.
 */
final class LoopExecutor implements Executor {
    /** Made once: the command travels as the task's argument, so only the add itself allocates. */
    private static final Task RUN = Task.named("executor", self -> ((Runnable) self.arg()).run());

    private final EventLoop loop;

    LoopExecutor(final EventLoop loop) {
        this.loop = loop;
    }

    @Override
    public void execute(final Runnable command) {
        loop.addEvent(RUN, Objects.requireNonNull(command, "command"), 0, null);
    }

    @Override
    public String toString() {
        return "Executor[" + loop.name() + ']';
    }
}
