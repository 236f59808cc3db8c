package com.example.consumer;

import java.net.InetAddress;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.bgpmgmt.event.EventLoop;
import org.bgpmgmt.event.EventLoopConfig;
import org.bgpmgmt.mgmt.BfdSession;
import org.bgpmgmt.mgmt.BgpMgmtConfig;
import org.bgpmgmt.mgmt.BgpMgmtContext;
import org.bgpmgmt.mgmt.Endpoint;
import org.bgpmgmt.mgmt.Role;
import org.bgpmgmt.mgmt.SessionListener;
import org.bgpmgmt.mgmt.SessionState;
import org.bgpmgmt.wire.BfdState;

/** A user's program: a control plane and a data plane that bring one session up. Exits 0 on success. */
public final class App {
    private App() {
    }

    public static void main(final String[] args) throws Exception {
        try (EventLoop loop = new EventLoop(new EventLoopConfig().name("consumer")).start()) {
            final BgpMgmtContext control = BgpMgmtContext.server(loop, Endpoint.parse("127.0.0.1:0"),
                new BgpMgmtConfig().role(Role.CONTROL_PLANE));
            final CountDownLatch up = new CountDownLatch(1);
            control.addListener(new SessionListener() {
                @Override
                public void stateChanged(final BfdSession session, final SessionState state) {
                    if (state.isUp()) {
                        up.countDown();
                    }
                }
            });
            control.start().get(10, TimeUnit.SECONDS); // binds: the real port is known from here
            final BgpMgmtContext dataPlane = BgpMgmtContext.client(loop, control.endpoint(),
                new BgpMgmtConfig().role(Role.DATA_PLANE));
            dataPlane.addListener(new SessionListener() {
                @Override
                public void sessionReceived(final BfdSession session, final boolean added) {
                    dataPlane.reportState(session.lid(), BfdState.UP, 0);
                }
            });
            dataPlane.start();
            control.updateSession(BfdSession.builder(7)
                .addresses(InetAddress.getByName("192.0.2.1"), InetAddress.getByName("192.0.2.2")).build());
            if (!up.await(10, TimeUnit.SECONDS)) {
                System.err.println("consumer: the session never came up");
                System.exit(1);
            }
            System.out.println("consumer: session 7 is up through bgpmgmt-core as a Maven dependency");
            dataPlane.close();
            control.close();
            loop.shutdown(Duration.ofSeconds(5));
        }
    }
}
