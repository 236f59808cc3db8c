package com.example.modular;

import java.lang.module.ModuleDescriptor;
import java.net.InetAddress;
import java.time.Duration;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.bgpmgmt.bfd.BfdControlPlane;
import org.bgpmgmt.bfd.BfdDataPlane;
import org.bgpmgmt.bfd.BfdDiagnostic;
import org.bgpmgmt.bfd.BfdSession;
import org.bgpmgmt.bfd.BfdState;
import org.bgpmgmt.bfd.SessionListener;
import org.bgpmgmt.bfd.SessionState;
import org.bgpmgmt.bfd.StateReport;
import org.bgpmgmt.event.EventLoop;
import org.bgpmgmt.event.EventLoopConfig;
import org.bgpmgmt.mgmt.BgpMgmtConfig;
import org.bgpmgmt.mgmt.BgpMgmtContext;
import org.bgpmgmt.mgmt.Endpoint;

/**
 * A modular user's program: checks that bgpmgmt-core was loaded as the explicit module
 * org.bgpmgmt.core (not from the class path, not as an automatic module), then brings one session
 * up between a control plane and a data plane. Exits 0 on success, 1 otherwise.
 */
public final class App {
    private App() {
    }

    public static void main(final String[] args) throws Exception {
        final Module core = EventLoop.class.getModule();
        final ModuleDescriptor descriptor = core.getDescriptor();
        if (!core.isNamed() || descriptor.isAutomatic() || !App.class.getModule().isNamed()) {
            System.err.println("consumer-modular: not on the module path as explicit modules: " + core
                + (descriptor == null ? "" : " automatic=" + descriptor.isAutomatic()));
            System.exit(1);
        }
        final TreeSet<String> exports = new TreeSet<>();
        descriptor.exports().forEach(e -> exports.add(e.source()));
        System.out.println("consumer-modular: " + descriptor.toNameAndVersion() + " exports " + exports
            + ", requires " + new TreeSet<>(descriptor.requires()));

        try (EventLoop loop = new EventLoop(new EventLoopConfig().name("consumer-modular")).start()) {
            final BgpMgmtContext control = BgpMgmtContext.server(loop, Endpoint.parse("127.0.0.1:0"),
                new BgpMgmtConfig());
            final CountDownLatch up = new CountDownLatch(1);
            final BfdControlPlane cp = BfdControlPlane.addTo(control).addListener(new SessionListener() {
                @Override
                public void stateChanged(final BfdSession session, final SessionState state) {
                    if (state.isUp()) {
                        up.countDown();
                    }
                }
            });
            control.start().get(10, TimeUnit.SECONDS); // binds: the real port is known from here
            final BgpMgmtContext dataPlane = BgpMgmtContext.client(loop, control.endpoint(), new BgpMgmtConfig());
            final BfdDataPlane dp = BfdDataPlane.addTo(dataPlane);
            dp.addListener(new SessionListener() {
                @Override
                public void sessionReceived(final BfdSession session, final boolean added) {
                    // On the loop thread: chain on the future, never wait for it here.
                    dp.reportState(StateReport.of(session.lid(), BfdState.UP, BfdDiagnostic.NONE))
                        .exceptionally(failed -> {
                            System.err.println("reporting " + session + " failed: " + failed);
                            return false;
                        });
                }
            });
            dataPlane.start();
            cp.updateSession(BfdSession.builder(7)
                .addresses(InetAddress.getByName("192.0.2.1"), InetAddress.getByName("192.0.2.2")).build())
                .get(10, TimeUnit.SECONDS);
            if (!up.await(10, TimeUnit.SECONDS)) {
                System.err.println("consumer-modular: the session never came up");
                System.exit(1);
            }
            System.out.println("consumer-modular: session 7 is up through the org.bgpmgmt.core module");
            dataPlane.close();
            control.close();
            loop.shutdown(Duration.ofSeconds(5));
        }
    }
}
