/**
 * Sockets and TLS under a management context: binding and accepting ({@link
 * org.bgpmgmt.transport.Acceptor}, owner-only unix sockets), connecting with backoff ({@link
 * org.bgpmgmt.transport.Connector}), and the byte stream a connection reads and writes ({@link
 * org.bgpmgmt.transport.Transport}: the plain socket, or TLS on the JDK's {@code SSLEngine} with its
 * handshake as loop tasks).
 *
 * <p>Not exported: nothing here is API. Its public types are public only so that {@code
 * org.bgpmgmt.mgmt} can reach them; the context hands them its connections through {@link
 * org.bgpmgmt.transport.Opener}, so that no public type of {@code mgmt} grows for the transport.
 * Of {@code mgmt} this package uses only the public value {@code Endpoint}; it knows no connection,
 * framing or catalog.
 *
 * <p>Thread model: loop thread only, as the context's connections are, unless a member says
 * otherwise; {@link org.bgpmgmt.transport.TlsSettings} and {@link org.bgpmgmt.transport.Backoff}
 * are immutable.
 */
package org.bgpmgmt.transport;
