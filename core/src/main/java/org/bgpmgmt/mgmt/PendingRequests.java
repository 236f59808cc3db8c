package org.bgpmgmt.mgmt;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.bgpmgmt.event.EventLoop;
import org.bgpmgmt.event.Task;
import org.bgpmgmt.event.TaskHandle;

/**
 * The requests of one connection still waiting for their reply, by id, each with its own timeout
 * timer (the async form of bfdd's blocking {@code bfd_dplane_expect}). Loop thread only.
 */
final class PendingRequests {
    /** One request on the wire. */
    static final class Pending {
        final int id;
        final int replyType;
        final String what;
        final CompletableFuture<Object> future = new CompletableFuture<>();
        final long sentNanos = System.nanoTime();
        final TaskHandle timer = new TaskHandle("bgpmgmt_request_timeout");
        long echoTime;
        ReplyDecoder<?> decoder;

        Pending(final int id, final int replyType, final String what) {
            this.id = id;
            this.replyType = replyType;
            this.what = what;
        }
    }

    private final EventLoop loop;
    private final long timeoutMillis;
    private final HashMap<Integer, Pending> byId = new HashMap<>();
    private final Task expire = this::expire;

    PendingRequests(final EventLoop loop, final long timeoutMillis) {
        this.loop = loop;
        this.timeoutMillis = timeoutMillis;
    }

    Pending add(final int id, final int replyType, final String what) {
        final Pending p = new Pending(id, replyType, what);
        final Pending old = byId.put(id, p);
        if (old != null) {
            // 65 535 requests outstanding on one connection: the oldest holder of this id loses.
            fail(old, new IllegalStateException(old.what + ": request id " + id + " reused while unanswered"));
        }
        loop.addTimerMillis(timeoutMillis, expire, p, p.timer);
        return p;
    }

    /** Removes and returns the request {@code id} if it waits for a reply of {@code type}. */
    Pending take(final int id, final int type) {
        final Pending p = byId.get(id);
        if (p == null || p.replyType != type) {
            return null;
        }
        byId.remove(id);
        loop.cancel(p.timer);
        return p;
    }

    /**
     * Removes and returns the echo whose dp_time is {@code dpTime}: bfdd 8.4 answers every
     * ECHO_REQUEST with id 0, so its replies are paired by the echoed time instead.
     */
    Pending takeEcho(final long dpTime) {
        for (Pending p : byId.values()) {
            if (p.replyType == org.bgpmgmt.wire.MessageType.ECHO_REPLY && p.echoTime == dpTime) {
                byId.remove(p.id);
                loop.cancel(p.timer);
                return p;
            }
        }
        return null;
    }

    /** True when a request with {@code id} waits for a reply of {@code type}. */
    boolean waitsFor(final int id, final int type) {
        final Pending p = byId.get(id);
        return p != null && p.replyType == type;
    }

    int size() {
        return byId.size();
    }

    void failAll(final String reason) {
        if (byId.isEmpty()) {
            return;
        }
        final List<Pending> all = new ArrayList<>(byId.values());
        byId.clear();
        for (Pending p : all) {
            loop.cancel(p.timer);
            fail(p, new ConnectionClosedException(p.what + " failed: " + reason));
        }
    }

    private void expire(final TaskHandle self) {
        final Pending p = (Pending) self.arg();
        if (byId.remove(p.id, p)) {
            fail(p, new RequestTimeoutException(p.what + " got no reply within " + timeoutMillis + " ms"));
        }
    }

    private static void fail(final Pending p, final RuntimeException e) {
        p.future.completeExceptionally(e);
    }
}
