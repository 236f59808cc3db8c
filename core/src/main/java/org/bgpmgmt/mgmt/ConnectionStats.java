package org.bgpmgmt.mgmt;

/**
 * Every counter of one connection at one moment, in named parts: what came in and went out ({@link
 * Flow}), what was refused under load ({@link Refusals}), what the peer got wrong ({@link Faults}),
 * and what the connection holds now. Immutable; any thread.
 *
 * @param peer the remote address as text
 * @param up whether the connection is up
 * @param input what was read: bytes, whole frames, and the bytes of a partial frame held
 * @param output what was sent: bytes written to the socket, messages queued, and the bytes waiting
 * @param refused messages and requests refused because a bound was reached
 * @param faults the peer's faults and what they caused
 * @param connects how many times this connection was opened (a client's is reopened on each reconnect)
 * @param rows catalog rows attached to this connection: BFD sessions, BGP peers, a user catalog's rows
 * @param pendingRequests requests waiting for their reply
 */
public record ConnectionStats(String peer, boolean up, Flow input, Flow output, Refusals refused, Faults faults,
                              long connects, int rows, int pendingRequests) {
    /**
     * One direction of a connection, as bfdd counts it. Immutable; any thread.
     *
     * @param bytes bytes read from the socket (input) or written to it (output)
     * @param messages whole frames read (input) or messages queued for sending (output)
     * @param buffered bytes held now: of a partial frame (input), or waiting for the socket (output)
     * @param bufferedPeak the most bytes ever held in this direction's buffer
     */
    public record Flow(long bytes, long messages, long buffered, long bufferedPeak) {
    }

    /**
     * What the connection refused rather than let a bound grow. Immutable; any thread.
     *
     * @param outputFull messages refused because the output buffer was full (bfdd's output full events)
     * @param requests requests refused because {@code maxPendingRequests} already waited for replies
     */
    public record Refusals(long outputFull, long requests) {
    }

    /**
     * What went wrong with the peer's input or with the handlers it reached. Immutable; any thread.
     *
     * @param protocolErrors frames that broke the protocol (each closed the connection)
     * @param unknownMessages frames of a type nobody handles, skipped
     * @param unknownReplies replies whose id matched no pending request, dropped
     * @param handlerErrors exceptions thrown by user handlers or listeners
     * @param idleCloses times the connection was closed for staying silent longer than the idle timeout
     */
    public record Faults(long protocolErrors, long unknownMessages, long unknownReplies, long handlerErrors,
                         long idleCloses) {
    }
}
