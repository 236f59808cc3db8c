/**
 * bgpmgmt-core: FRR's event loop ({@link org.bgpmgmt.event}), its bfddp v1 wire codec
 * ({@link org.bgpmgmt.wire}), the BgpMgmt context modeled on bfdd's distributed data plane
 * ({@link org.bgpmgmt.mgmt}) with its public catalog SPI, and bfddp's BFD sessions as one catalog on
 * it ({@link org.bgpmgmt.bfd}); a user's catalog (the examples' BGP peer catalog is one) uses the same SPI.
 *
 * <p>Those four packages are the API and are exported. The sockets and TLS under a context
 * (accepting, connecting with backoff, the {@code SSLEngine} and its handshake) live in {@code
 * org.bgpmgmt.transport}, which is not exported: users name them only through {@code mgmt}'s
 * {@code Endpoint}, {@code TlsConfig} and {@code BgpMgmtConfig}. JMX and JFR are required
 * transitively because public signatures name their types ({@code ObjectName} from
 * {@code registerMBean()}, {@code jdk.jfr.Event} as the superclass of {@code SlowTaskEvent}); JCTools
 * and the slf4j API are used inside only, and so is {@code jdk.net} (a unix-socket peer's
 * credentials). Only JCTools' atomic queues are used, which need no {@code sun.misc.Unsafe}, so the
 * module does not read {@code jdk.unsupported}.
 */
module org.bgpmgmt.core {
    requires transitive java.management;
    requires transitive jdk.jfr;
    requires jdk.net;
    requires org.jctools.core;
    requires org.slf4j;

    exports org.bgpmgmt.event;
    exports org.bgpmgmt.wire;
    exports org.bgpmgmt.mgmt;
    exports org.bgpmgmt.bfd;
}
