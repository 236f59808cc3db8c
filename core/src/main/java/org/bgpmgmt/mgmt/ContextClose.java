package org.bgpmgmt.mgmt;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.bgpmgmt.event.EventLoop;
import org.bgpmgmt.event.Task;
import org.bgpmgmt.event.TaskHandle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How a started context closes: stop accepting and connecting, drain what is queued within the
 * close timeout (on the loop's clock), then close every connection. Runs once, through {@link
 * BgpMgmtContext#close()}.
 *
 * <p>The loop may be gone already. Work handed to it then is rejected, and a loop that has
 * terminated runs nothing any more, so the caller's thread closes the sockets itself; that is the
 * one case where the context's state is touched off the loop, and it is safe because the loop
 * thread has finished.
 */
final class ContextClose {
    private static final Logger LOG = LoggerFactory.getLogger(BgpMgmtContext.class);
    private static final long DRAIN_POLL_MILLIS = 5;

    private final Sockets sockets;
    private final EventLoop loop;
    private final Settings settings;
    private final Dispatch dispatch;
    private final TaskHandle drainTimer;
    private final Task drain = self -> drain();
    private final CompletableFuture<Void> done = new CompletableFuture<>();
    private long deadline;
    private volatile javax.management.ObjectName mbean;

    ContextClose(final EventLoop loop, final Settings settings, final Dispatch dispatch, final Sockets sockets) {
        this.sockets = sockets;
        this.loop = loop;
        this.settings = settings;
        this.dispatch = dispatch;
        this.drainTimer = new TaskHandle(settings.name + "_close_drain");
    }

    javax.management.ObjectName mbean(final javax.management.ObjectName name) {
        mbean = name;
        return name;
    }

    /** Closes, waiting (bounded) off every loop, or starting the drain and returning on one. */
    void close() {
        MBeans.unregister(mbean);
        mbean = null;
        if (loop.inLoop()) {
            begin();
            return;
        }
        final CompletableFuture<Void> begun = loop.submit(() -> {
            begin();
            return null;
        });
        final long waitNanos = settings.closeTimeoutNanos + settings.callTimeoutNanos;
        try {
            begun.get(settings.callTimeoutNanos, TimeUnit.NANOSECONDS);
            done.get(waitNanos, TimeUnit.NANOSECONDS);
            // A channel's descriptor is released when the selector drops its key at the next select:
            // wait for that turn, so a caller may bind the same port at once.
            loop.submit(() -> null).get(settings.callTimeoutNanos, TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RejectedExecutionException) {
                closeAfterLoop();
            } else {
                LOG.warn("{}: close failed", settings.name, e.getCause());
            }
        } catch (TimeoutException e) {
            LOG.warn("{}: close did not complete within {} ms", settings.name, waitNanos / 1_000_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The loop refused the close: once it has terminated, nothing runs there, so close here. */
    private void closeAfterLoop() {
        if (loop.awaitTermination(Duration.ofNanos(settings.callTimeoutNanos))) {
            finish();
        } else {
            LOG.warn("{}: loop {} refused the close but has not terminated; sockets left open", settings.name,
                loop.name());
        }
    }

    private void begin() {
        dispatch.closing();
        sockets.stop();
        deadline = loop.clock().nanoTime() + settings.closeTimeoutNanos;
        drain();
    }

    private void drain() {
        boolean drained = true;
        for (Connection c : List.copyOf(sockets.connections())) { // a failed flush removes its connection
            if (c.isUp() && c.hasOutput()) {
                c.flush();
                drained &= !c.hasOutput() || !c.isUp();
            }
        }
        if (drained || loop.clock().nanoTime() - deadline >= 0) {
            finish();
        } else {
            loop.addTimerMillis(DRAIN_POLL_MILLIS, drain, this, drainTimer);
        }
    }

    private void finish() {
        dispatch.closing();
        for (Connection c : List.copyOf(sockets.connections())) {
            c.close("context closed");
        }
        sockets.stop();
        if (!loop.isTerminated()) {
            loop.cancel(drainTimer);
        }
        done.complete(null);
    }
}
