/**
 * The BgpMgmt context: bfdd's distributed data-plane model (server and client modes,
 * per-connection buffers and counters, enqueue and flush, request/reply by id, a session table in
 * either role) on top of {@code org.bgpmgmt.event} and {@code org.bgpmgmt.wire}.
 *
 * <p>Thread model: a context is driven by one event loop. Its public methods may be called from
 * any thread and hop onto the loop; listeners and message handlers run on the loop thread.
 */
package org.bgpmgmt.mgmt;
