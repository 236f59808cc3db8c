/**
 * How to write your own catalog, worked through in full: a BGP peer table managed over a
 * context's connections in message types of its own, beside bfddp's sessions, on core's public
 * catalog SPI ({@link org.bgpmgmt.mgmt.Catalog}, {@link org.bgpmgmt.mgmt.CatalogRow}, {@link
 * org.bgpmgmt.mgmt.Connection}) and nothing else. The protocol is this project's own (no BGP
 * speaker speaks it); the guide and the wire reference are {@code docs/bgp-catalog.md}.
 *
 * <p>Contents: flyweights over the six messages ({@link PeerAddMessage}, {@link PeerKeyMessage},
 * {@link PeerStateMessage}, {@link PeerCountersMessage}, {@link PeerSyncMessage}) with their type
 * numbers in {@link BgpMessageType}; immutable values ({@link BgpPeer}, {@link PeerState}, {@link
 * PeerCounters}); and {@link BgpPeerCatalog}, the peer table a user adds to a {@link
 * org.bgpmgmt.mgmt.BgpMgmtContext} of either role before starting it.
 *
 * <p>Thread model: flyweights are "Not thread-safe." and meant one per loop; values are immutable;
 * the catalog's public methods may be called from any thread and never block: those that change or
 * ask the table reach the context's loop through {@link org.bgpmgmt.mgmt.BgpMgmtContext#call} and
 * return its future, the figure reads are {@link org.bgpmgmt.event.LoopSnapshot} reads; listeners
 * run on the loop thread.
 */
package org.bgpmgmt.examples.bgp;
