package org.bgpmgmt.examples;

import java.net.InetAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.bgpmgmt.bfd.BfdControlPlane;
import org.bgpmgmt.bfd.BfdDataPlane;
import org.bgpmgmt.bfd.BfdDiagnostic;
import org.bgpmgmt.bfd.BfdSession;
import org.bgpmgmt.bfd.BfdState;
import org.bgpmgmt.bfd.SessionCounters;
import org.bgpmgmt.bfd.SessionListener;
import org.bgpmgmt.bfd.SessionState;
import org.bgpmgmt.bfd.StateReport;
import org.bgpmgmt.event.EventLoop;
import org.bgpmgmt.event.EventLoopConfig;
import org.bgpmgmt.mgmt.BgpMgmtConfig;
import org.bgpmgmt.mgmt.BgpMgmtContext;
import org.bgpmgmt.mgmt.Endpoint;

/**
 * The recipes of docs/bfd.md, compiled and run by {@code RecipesTest} so that they cannot rot: what the
 * page shows is the body of these methods.
 */
final class Recipes {
    private Recipes() {
    }

    /** docs/bfd.md: a control plane that waits for data planes; returns its BFD view. */
    static BfdControlPlane controlPlane(final EventLoop loop, final String listen) throws Exception {
        BgpMgmtContext control = BgpMgmtContext.server(loop, Endpoint.parse(listen),
                new BgpMgmtConfig().name("bfdd"));                // configure first: nothing is bound yet
        BfdControlPlane bfdd = BfdControlPlane.addTo(control);

        bfdd.addListener(new SessionListener() {                 // runs on the loop thread
            @Override
            public void stateChanged(BfdSession session, SessionState state) {
                System.out.println(session + " is " + state.state() + " (" + state.report().diagnostic() + ")");
            }
        });
        bfdd.updateSession(BfdSession.builder(1)                  // lid 1
                .addresses(InetAddress.getByName("192.0.2.1"), InetAddress.getByName("192.0.2.2"))
                .minTx(300_000).minRx(300_000).detectMultiplier(3)
                .build()).get(5, TimeUnit.SECONDS);               // in the table: sent to each data plane
        control.start().get(5, TimeUnit.SECONDS);                  // binds; completes with the real port
        return bfdd;
    }

    /** docs/bfd.md: a data plane that connects to a control plane and reports up; returns its BFD view. */
    static BfdDataPlane dataPlane(final EventLoop loop, final String connect) {
        BgpMgmtContext client = BgpMgmtContext.client(loop, Endpoint.parse(connect),
                new BgpMgmtConfig().name("dplane").reconnectDelay(Duration.ofSeconds(1)));
        BfdDataPlane dataPlane = BfdDataPlane.addTo(client);

        dataPlane.addListener(new SessionListener() {
            @Override
            public void sessionReceived(BfdSession session, boolean added) {
                dataPlane.reportState(StateReport.of(session.lid(), BfdState.UP, BfdDiagnostic.NONE));
            }
        });
        client.start();                                            // connects, and reconnects on loss
        return dataPlane;
    }

    /** Both recipes together, as a user would first try them; returns the counters of session 1. */
    static SessionCounters both() throws Exception {
        EventLoop loop = new EventLoop(new EventLoopConfig().name("bgpmgmt")).start();
        try {
            BfdControlPlane control = controlPlane(loop, "127.0.0.1:0");
            BfdDataPlane dataPlane = dataPlane(loop, control.context().endpoint().toString());
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (control.sessionState(1) == null || !control.sessionState(1).isUp()) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("session 1 never came up");
                }
                Thread.sleep(10);
            }
            SessionCounters counters = control.requestCounters(1).get(5, TimeUnit.SECONDS);
            dataPlane.context().close();
            control.context().close();
            return counters;
        } finally {
            loop.shutdown(Duration.ofSeconds(5));
        }
    }
}
