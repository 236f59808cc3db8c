package org.bgpmgmt.examples.bgp;

/**
 * The counters of a {@link BgpPeerCatalog} at one moment.
 *
 * <p>Thread-safe: immutable.
 *
 * @param peers rows in the peer table
 * @param owedMessages peers whose message waits for room in their connection's output buffer
 * @param malformedMessages catalog frames that broke the catalog's rules (malformed content, or a
 *     type reserved for later versions); each closed its connection with a protocol error
 * @param unexpectedMessages catalog frames this role does not take, or replies nobody waited for
 * @param unknownPeerMessages frames naming a peer key the table does not hold, skipped
 * @param listenerErrors exceptions thrown by listeners
 */
public record BgpCatalogStats(int peers, int owedMessages, long malformedMessages, long unexpectedMessages,
                              long unknownPeerMessages, long listenerErrors) {
}
