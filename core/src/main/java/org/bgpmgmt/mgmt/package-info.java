/**
 * The BgpMgmt context: bfdd's distributed data-plane model (server and client modes,
 * per-connection buffers and counters, request/reply by id) on top of {@code org.bgpmgmt.event}
 * and {@code org.bgpmgmt.wire}, and the catalog SPI ({@link org.bgpmgmt.mgmt.Catalog}, {@link
 * org.bgpmgmt.mgmt.CatalogRow}) on which the BFD sessions and the BGP peer catalog are built.
 * The sockets and TLS under a context live in the non-exported {@code org.bgpmgmt.transport}; here
 * stay the types users name for them ({@link org.bgpmgmt.mgmt.Endpoint}, {@link
 * org.bgpmgmt.mgmt.TlsConfig}).
 *
 * <p>Lifecycle: a context is configured (listeners, catalogs) and then started; nothing touches a
 * socket before {@link org.bgpmgmt.mgmt.BgpMgmtContext#start()}.
 *
 * <p>Thread model: a context is driven by one event loop. Its public methods may be called from
 * any thread unless they say "Loop thread only."; they reach the loop through {@link
 * org.bgpmgmt.event.EventLoop#submit}, and those that wait do so with a bound and never on a loop's
 * thread. Listeners, catalogs and message handlers run on the loop thread.
 */
package org.bgpmgmt.mgmt;
