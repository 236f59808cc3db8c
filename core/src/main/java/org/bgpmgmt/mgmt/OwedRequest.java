package org.bgpmgmt.mgmt;

import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;

/**
 * A request the output buffer could not take when it was made: a one-off row in the connection's
 * queue, so it leaves behind the rows owed before it and goes out, with the id the request table
 * gave it at the call, as soon as there is room. The table already holds the request, so its
 * timeout counts from the call and a disconnect fails it; a request that ended while waiting
 * owes nothing and is never sent. Allocated on the full-buffer path only. Loop thread only.
 */
final class OwedRequest extends CatalogRow {
    private final int length;
    private final FrameWriter writer;
    private final int id;
    private final CompletableFuture<?> future;

    private OwedRequest(final int length, final FrameWriter writer, final int id, final CompletableFuture<?> future) {
        this.length = length;
        this.writer = writer;
        this.id = id;
        this.future = future;
    }

    /** Queues the request {@code id}, already in {@code c}'s request table, until {@code c} has room. */
    static void owe(final Connection c, final int length, final FrameWriter writer, final int id,
                    final CompletableFuture<?> future) {
        final OwedRequest row = new OwedRequest(length, writer, id, future);
        row.attach(c);
        // A timeout or a disconnect ends it while it waits: it no longer counts on the connection.
        future.whenComplete((value, failure) -> row.attach(null));
        row.owe();
    }

    @Override
    protected int owedLength() {
        return future.isDone() ? 0 : length;
    }

    @Override
    protected void writeOwed(final ByteBuffer out, final int at) {
        writer.write(out, at, id);
        attach(null);
    }

    @Override
    public String toString() {
        return "request " + id;
    }
}
