package org.bgpmgmt.examples;

import java.net.InetAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
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
 * The README's context recipe, compiled here and run by {@code ContextRecipeTest}. The README shows
 * the lines of {@link #run} from {@code EventLoop loop} to the counters request, minus the test's
 * bookkeeping; {@code DocRecipesTest} checks every shown line is here, in order.
 * Not thread-safe.
 */
final class ContextRecipe {
    private ContextRecipe() {
    }

    /**
     * Brings session 1 up between a control plane and a data plane on one loop.
     *
     * @return session 1's counters, as the control plane asked the data plane for them
     */
    static SessionCounters run() throws Exception {
        EventLoop loop = new EventLoop(new EventLoopConfig().name("bgpmgmt")).start();
        try {
            // The control plane (what bfdd is): listens, pushes sessions, hears their state.
            BgpMgmtContext control = BgpMgmtContext.server(loop, Endpoint.parse("127.0.0.1:0"),
                    new BgpMgmtConfig().name("bfdd"));                   // configure first: nothing bound yet
            BfdControlPlane bfdd = BfdControlPlane.addTo(control);      // the BFD sessions, bfdd's side
            CompletableFuture<SessionState> up = new CompletableFuture<>();
            bfdd.addListener(new SessionListener() {                     // runs on the loop thread
                @Override
                public void stateChanged(BfdSession session, SessionState state) {
                    System.out.println(session + " is " + state.state());
                    if (state.isUp()) {
                        up.complete(state);
                    }
                }
            });
            bfdd.updateSession(BfdSession.builder(1)                     // lid 1
                    .addresses(InetAddress.getByName("192.0.2.1"), InetAddress.getByName("192.0.2.2"))
                    .build()).get(5, TimeUnit.SECONDS);                  // in the table: sent to each data plane
            control.start().get(5, TimeUnit.SECONDS);                    // binds; port 0 becomes a free port

            // A data plane: connects (and reconnects), receives the sessions, reports them up.
            BgpMgmtContext client = BgpMgmtContext.client(loop, control.endpoint(), new BgpMgmtConfig().name("dplane"));
            BfdDataPlane dataPlane = BfdDataPlane.addTo(client);         // the BFD sessions, a data plane's side
            dataPlane.addListener(new SessionListener() {
                @Override
                public void sessionReceived(BfdSession session, boolean added) {
                    dataPlane.reportState(StateReport.of(session.lid(), BfdState.UP, BfdDiagnostic.NONE));
                }
            });
            client.start();                                              // connects, and reconnects after a loss

            // Once session 1 is up, ask its data plane for the counters.
            up.get(5, TimeUnit.SECONDS);
            SessionCounters counters = bfdd.requestCounters(1).get(5, TimeUnit.SECONDS);
            client.close();
            control.close();
            return counters;
        } finally {
            loop.shutdown(Duration.ofSeconds(5));
        }
    }
}
