/**
 * The BGP peer catalog: BgpMgmt's own message types for managing BGP peers over the bfddp v1
 * framing, built on the public catalog SPI ({@link org.bgpmgmt.mgmt.Catalog}) exactly as a
 * user's catalog would be. The wire reference is {@code docs/PROTOCOL.md}.
 *
 * <p>Contents: flyweights over the six catalog messages ({@link org.bgpmgmt.examples.bgp.PeerAddMessage},
 * {@link org.bgpmgmt.examples.bgp.PeerKeyMessage}, {@link org.bgpmgmt.examples.bgp.PeerStateMessage}, {@link
 * org.bgpmgmt.examples.bgp.PeerCountersMessage}, {@link org.bgpmgmt.examples.bgp.PeerSyncMessage}) with their type
 * numbers in {@link org.bgpmgmt.examples.bgp.BgpMessageType}; immutable values ({@link org.bgpmgmt.examples.bgp.BgpPeer}, {@link
 * org.bgpmgmt.examples.bgp.PeerState}, {@link org.bgpmgmt.examples.bgp.PeerCounters}); and {@link
 * org.bgpmgmt.examples.bgp.BgpPeerCatalog}, the peer table a user adds to a {@link
 * org.bgpmgmt.mgmt.BgpMgmtContext} of either role before starting it.
 *
 * <p>Thread model: flyweights are "Not thread-safe." and meant one per loop; values are immutable;
 * the catalog's public methods may be called from any thread and reach its context's loop through
 * {@link org.bgpmgmt.event.EventLoop#submit} (blocking ones with a bound), and its listeners run on
 * that loop thread.
 */
package org.bgpmgmt.examples.bgp;
