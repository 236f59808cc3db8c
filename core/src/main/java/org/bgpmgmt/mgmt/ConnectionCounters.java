package org.bgpmgmt.mgmt;

/** The running counters of one connection, bfdd's {@code bfd_dplane_ctx} counters and more. Loop thread only. */
final class ConnectionCounters {
    long inputBytes;
    long inputBytesPeak;
    long inputMessages;
    long outputBytes;
    long outputBytesPeak;
    long outputMessages;
    long outputFullEvents;
    long protocolErrors;
    long unknownMessages;
    long unknownReplies;
    long handlerErrors;
    long idleCloses;
    long refusedRequests;
    long opened;
    long closed;

    ConnectionStats snapshot(final String peer, final boolean up, final int inputUsage, final int outputUsage,
                             final int sessions, final int pendingRequests) {
        return new ConnectionStats(peer, up, inputBytes, inputBytesPeak, inputMessages, inputUsage, outputBytes,
            outputBytesPeak, outputMessages, outputFullEvents, outputUsage, protocolErrors, unknownMessages,
            unknownReplies, handlerErrors, idleCloses, refusedRequests, opened, sessions, pendingRequests);
    }
}
