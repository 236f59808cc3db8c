package org.bgpmgmt.event;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Which thread drives a loop, and where the loop is in its life: new, running, shutting down,
 * terminated. A loop is driven by exactly one thread, claimed by compare-and-set on first use, so a
 * second {@code run()} or {@code start()} fails instead of racing.
 *
 * <p>Any thread, except {@link #enterTurn}, {@link #exitTurn} and {@link #turning}: loop thread.
 */
final class LoopLifecycle {
    static final int NEW = 0;
    static final int RUNNING = 1;
    static final int SHUTTING_DOWN = 2;
    static final int TERMINATED = 3;
    private static final VarHandle STATE;
    private static final VarHandle THREAD;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(LoopLifecycle.class, "state", int.class);
            THREAD = MethodHandles.lookup().findVarHandle(LoopLifecycle.class, "thread", Thread.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** How many loops the current thread drives; null on threads that never drove one. */
    private static final ThreadLocal<int[]> DRIVEN = new ThreadLocal<>();

    private final String name;
    private final CountDownLatch terminated = new CountDownLatch(1);
    private volatile int state = NEW;
    private volatile Thread thread;
    private boolean turning;
    /** Loop thread: whether this loop is counted in its thread's {@link #DRIVEN}. */
    private boolean counted;

    LoopLifecycle(final String name) {
        this.name = name;
    }

    boolean inLoop() {
        return Thread.currentThread() == thread;
    }

    /** Tells whether the current thread drives any loop that has not finished. */
    static boolean inAnyLoop() {
        final int[] n = DRIVEN.get();
        return n != null && n[0] > 0;
    }

    boolean hasThread() {
        return thread != null;
    }

    /** Makes the caller the loop thread, or fails naming the thread that already is. */
    void claim(final String method) {
        final Thread me = Thread.currentThread();
        if (thread != me && !THREAD.compareAndSet(this, null, me)) {
            throw new IllegalStateException(method + ": loop " + name + " is driven by thread " + thread.getName());
        }
        // A terminated loop is driven by nobody: runOnce on it claims only to fail, and counting
        // it here would leave inAnyLoop() true on this thread for good.
        if (!counted && state != TERMINATED) {
            counted = true;
            int[] n = DRIVEN.get();
            if (n == null) {
                n = new int[1];
                DRIVEN.set(n);
            }
            n[0]++;
        }
    }

    private void uncount() {
        if (counted) {
            counted = false;
            DRIVEN.get()[0]--;
        }
    }

    /** Binds {@code t} as the loop thread if none is bound yet. */
    boolean bind(final Thread t) {
        return THREAD.compareAndSet(this, null, t);
    }

    Thread thread() {
        return thread;
    }

    String threadName() {
        final Thread t = thread;
        return t == null ? "none" : t.getName();
    }

    void markRunning() {
        STATE.compareAndSet(this, NEW, RUNNING);
    }

    /** Moves new or running to shutting down; later states stay. */
    void requestShutdown() {
        for (int s = state; s < SHUTTING_DOWN; s = state) {
            if (STATE.compareAndSet(this, s, SHUTTING_DOWN)) {
                return;
            }
        }
    }

    int state() {
        return state;
    }

    boolean running() {
        return state == RUNNING;
    }

    boolean shuttingDown() {
        return state >= SHUTTING_DOWN;
    }

    boolean terminated() {
        return state == TERMINATED;
    }

    void enterTurn() {
        turning = true;
    }

    void exitTurn() {
        turning = false;
    }

    boolean turning() {
        return turning;
    }

    /**
     * Runs the last turn and the sweep once, then publishes TERMINATED and releases every waiter.
     * Loop thread. The order makes the loop thread the queue's only consumer to the end: nothing
     * off the loop touches the scheduler before TERMINATED, and TERMINATED comes after the sweep.
     */
    void finish(final Scheduler scheduler) {
        if (state == TERMINATED) {
            uncount();
            return;
        }
        state = SHUTTING_DOWN;
        try {
            scheduler.sweep().finalTurn();
        } finally {
            // The last turn closed the submission queue: every add accepted before ran in it, and
            // every later add was refused at its offer (see SubmissionQueue).
            scheduler.sweep().closeAll();
            uncount();
            state = TERMINATED;
            terminated.countDown();
        }
    }

    boolean await(final Duration timeout) {
        try {
            return terminated.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return terminated();
        }
    }
}
