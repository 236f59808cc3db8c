package org.bgpmgmt.load.servers;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.bgpmgmt.bfd.BfdDataPlane;
import org.bgpmgmt.bfd.BfdDiagnostic;
import org.bgpmgmt.bfd.BfdSession;
import org.bgpmgmt.bfd.BfdState;
import org.bgpmgmt.bfd.SessionListener;
import org.bgpmgmt.bfd.StateReport;
import org.bgpmgmt.event.EventLoop;
import org.bgpmgmt.event.EventLoopConfig;
import org.bgpmgmt.mgmt.BgpMgmtConfig;
import org.bgpmgmt.mgmt.BgpMgmtContext;
import org.bgpmgmt.mgmt.Endpoint;

/**
 * This project's server for the end-to-end runs: one loop, one BgpMgmt context playing the
 * {@link BfdDataPlane} with the library's defaults. It answers echoes itself and reports every pushed session up.
 * {@code --listen ADDR} (default 127.0.0.1:0), {@code --max-connections N}, {@code --cpu-timing
 * true|false} (default true, the library's default), {@code --tls DIR}: mutual TLS 1.3 with the
 * stores {@link TlsMaterial} wrote there.
 */
public final class BgpMgmtServer {
    private BgpMgmtServer() {
    }

    /**
     * Runs the server until stdin says stop.
     *
     * @param args the command line
     * @throws Exception when it cannot start
     */
    public static void main(final String[] args) throws Exception {
        final Endpoint listen = Endpoint.parse(ServerProcess.arg(args, "--listen", "127.0.0.1:0"));
        final int max = Integer.parseInt(ServerProcess.arg(args, "--max-connections", "20000"));
        final boolean cpuTiming = Boolean.parseBoolean(ServerProcess.arg(args, "--cpu-timing", "true"));
        try (EventLoop loop = new EventLoop(new EventLoopConfig().name("bgpmgmt-server").cpuTiming(cpuTiming))
                 .start()) {
            final CompletableFuture<Long> threadId = new CompletableFuture<>();
            loop.addEvent(self -> threadId.complete(Thread.currentThread().getId()), null, 0, null);
            final BgpMgmtConfig config = new BgpMgmtConfig().name("bench").maxConnections(max);
            final String tls = ServerProcess.arg(args, "--tls", "");
            if (!tls.isEmpty()) {
                final java.nio.file.Path dir = java.nio.file.Path.of(tls);
                config.tls(new org.bgpmgmt.mgmt.TlsConfig().keyStore(dir.resolve("server.p12"), TlsMaterial.PASSWORD)
                    .trustStore(dir.resolve("trust.p12"), TlsMaterial.PASSWORD));
            }
            final BgpMgmtContext server = BgpMgmtContext.server(loop, listen, config);
            final BfdDataPlane bfd = BfdDataPlane.addTo(server);
            bfd.addListener(new SessionListener() {
                @Override
                public void sessionReceived(final BfdSession session, final boolean added) {
                    // On the loop thread the report runs at once; the load generator checks it arrives.
                    bfd.reportState(StateReport.of(session.lid(), BfdState.UP, BfdDiagnostic.NONE));
                }
            });
            server.start().get(10, java.util.concurrent.TimeUnit.SECONDS);
            ServerProcess.serve(server.endpoint().toString(), threadId.get());
            server.close();
            loop.shutdown(Duration.ofSeconds(5));
        }
    }
}
