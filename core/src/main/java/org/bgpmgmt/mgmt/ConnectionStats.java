package org.bgpmgmt.mgmt;

/**
 * Every counter of one connection at one moment. Immutable; any thread.
 *
 * @param peer the remote address as text
 * @param up whether the connection is up
 * @param inputBytes bytes read
 * @param inputBytesPeak the most bytes ever held in the input buffer
 * @param inputMessages whole frames read
 * @param inputUsage bytes of a partial frame now in the input buffer
 * @param outputBytes bytes written to the socket
 * @param outputBytesPeak the most bytes ever held in the output buffer
 * @param outputMessages messages queued for sending
 * @param outputFullEvents times a message was refused because the output buffer was full
 * @param outputUsage bytes now waiting in the output buffer
 * @param protocolErrors frames that broke the protocol (each closed the connection)
 * @param unknownMessages frames of a type nobody handles, skipped
 * @param unknownReplies replies whose id matched no pending request, dropped
 * @param handlerErrors exceptions thrown by user handlers or listeners
 * @param idleCloses times the connection was closed for staying silent longer than the idle timeout
 * @param refusedRequests requests refused because too many already waited for replies
 * @param connects how many times this connection context was (re)connected
 * @param sessions sessions attached to this connection
 * @param pendingRequests requests waiting for their reply
 */
public record ConnectionStats(String peer, boolean up, long inputBytes, long inputBytesPeak, long inputMessages,
                              long inputUsage, long outputBytes, long outputBytesPeak, long outputMessages,
                              long outputFullEvents, long outputUsage, long protocolErrors, long unknownMessages,
                              long unknownReplies, long handlerErrors, long idleCloses, long refusedRequests,
                              long connects, int sessions,
                              int pendingRequests) {
}
