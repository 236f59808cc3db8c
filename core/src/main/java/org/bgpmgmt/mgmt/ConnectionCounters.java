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

    ConnectionStats snapshot(final String peer, final boolean up, final int inputHeld, final int outputHeld,
                             final int rows, final int pendingRequests) {
        return new ConnectionStats(peer, up,
            new ConnectionStats.Flow(inputBytes, inputMessages, inputHeld, inputBytesPeak),
            new ConnectionStats.Flow(outputBytes, outputMessages, outputHeld, outputBytesPeak),
            new ConnectionStats.Refusals(outputFullEvents, refusedRequests),
            new ConnectionStats.Faults(protocolErrors, unknownMessages, unknownReplies, handlerErrors, idleCloses),
            opened, rows, pendingRequests);
    }
}
