package org.bgpmgmt.examples;

import java.net.InetAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.bgpmgmt.event.EventLoop;
import org.bgpmgmt.event.EventLoopConfig;
import org.bgpmgmt.mgmt.BfdSession;
import org.bgpmgmt.mgmt.BgpMgmtConfig;
import org.bgpmgmt.mgmt.BgpMgmtContext;
import org.bgpmgmt.mgmt.Endpoint;
import org.bgpmgmt.mgmt.Role;
import org.bgpmgmt.mgmt.SessionCounters;
import org.bgpmgmt.mgmt.SessionListener;
import org.bgpmgmt.mgmt.SessionState;
import org.bgpmgmt.wire.BfdDiagnostic;
import org.bgpmgmt.wire.BfdState;

/**
 * The README's recipes, compiled and run by {@code RecipesTest} so that they cannot rot: what the
 * README shows is the body of these methods.
 */
final class Recipes {
    private Recipes() {
    }

    /** README "Embedding": a control plane that waits for data planes. */
    static BgpMgmtContext controlPlane(final EventLoop loop, final String listen) throws Exception {
        BgpMgmtContext control = BgpMgmtContext.server(loop, Endpoint.parse(listen),
                new BgpMgmtConfig().role(Role.CONTROL_PLANE));        // configure first: nothing is bound yet

        control.addListener(new SessionListener() {              // runs on the loop thread
            @Override
            public void stateChanged(BfdSession session, SessionState state) {
                System.out.println(session + (state.isUp() ? " is up" : " is down"));
            }
        });
        control.updateSession(BfdSession.builder(1)               // lid 1
                .addresses(InetAddress.getByName("192.0.2.1"), InetAddress.getByName("192.0.2.2"))
                .minTx(300_000).minRx(300_000).detectMultiplier(3)
                .build());                                        // sent to each data plane that connects
        control.start().get(5, TimeUnit.SECONDS);                  // binds; completes with the real port
        return control;
    }

    /** README "Client mode": a data plane that connects to a control plane and reports up. */
    static BgpMgmtContext dataPlane(final EventLoop loop, final String connect) {
        BgpMgmtContext dataPlane = BgpMgmtContext.client(loop, Endpoint.parse(connect),
                new BgpMgmtConfig().role(Role.DATA_PLANE).reconnectDelay(Duration.ofSeconds(1)));

        dataPlane.addListener(new SessionListener() {
            @Override
            public void sessionReceived(BfdSession session, boolean added) {
                dataPlane.reportState(session.lid(), BfdState.UP, BfdDiagnostic.NONE);
            }
        });
        dataPlane.start();                                         // connects, and reconnects on loss
        return dataPlane;
    }

    /** Both recipes together, as a user would first try them; returns the counters of session 1. */
    static SessionCounters both() throws Exception {
        EventLoop loop = new EventLoop(new EventLoopConfig().name("bgpmgmt")).start();
        try {
            BgpMgmtContext control = controlPlane(loop, "127.0.0.1:0");
            BgpMgmtContext dataPlane = dataPlane(loop, control.endpoint().toString());
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (control.sessionState(1) == null || !control.sessionState(1).isUp()) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("session 1 never came up");
                }
                Thread.sleep(10);
            }
            SessionCounters counters = control.requestCounters(1).get(5, TimeUnit.SECONDS);
            dataPlane.close();
            control.close();
            return counters;
        } finally {
            loop.shutdown(Duration.ofSeconds(5));
        }
    }
}
