package org.bgpmgmt.bgp;

/**
 * The counters of a {@link BgpPeerCatalog} at one moment.
 *
 * <p>Thread-safe: immutable.
 *
 * @param peers rows in the peer table
 * @param owedMessages peer messages and replies waiting for room in an output buffer
 * @param deferredRequests counters requests waiting behind owed peer messages
 * @param retries times an output buffer refused a catalog message; each was sent again once the
 *     connection reported the buffer drained
 * @param malformedMessages catalog frames that broke the catalog's rules (malformed content, or a
 *     type reserved for later versions); each closed its connection with a protocol error
 * @param unexpectedMessages catalog frames this role does not take, or replies nobody waited for
 * @param unknownPeerMessages frames naming a peer key the table does not hold, skipped
 * @param listenerErrors exceptions thrown by listeners
 */
public record BgpCatalogStats(int peers, int owedMessages, int deferredRequests, long retries,
                              long malformedMessages, long unexpectedMessages, long unknownPeerMessages,
                              long listenerErrors) {
}
