package org.bgpmgmt.examples;

import java.io.PrintStream;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.bgpmgmt.bfd.BfdControlPlane;
import org.bgpmgmt.bfd.BfdDataPlane;
import org.bgpmgmt.bfd.BfdDiagnostic;
import org.bgpmgmt.bfd.BfdSession;
import org.bgpmgmt.bfd.BfdState;
import org.bgpmgmt.bfd.RemoteSystem;
import org.bgpmgmt.bfd.SessionCounters;
import org.bgpmgmt.bfd.SessionListener;
import org.bgpmgmt.bfd.SessionState;
import org.bgpmgmt.bfd.StateReport;
import org.bgpmgmt.bfd.Traffic;
import org.bgpmgmt.examples.bgp.BgpFsmState;
import org.bgpmgmt.examples.bgp.BgpPeer;
import org.bgpmgmt.examples.bgp.BgpPeerCatalog;
import org.bgpmgmt.examples.bgp.BgpPeerListener;
import org.bgpmgmt.examples.bgp.PeerCounters;
import org.bgpmgmt.examples.bgp.PeerState;
import org.bgpmgmt.examples.bgp.Role;
import org.bgpmgmt.event.EventLoop;
import org.bgpmgmt.event.EventLoopConfig;
import org.bgpmgmt.mgmt.BgpMgmtConfig;
import org.bgpmgmt.mgmt.BgpMgmtContext;
import org.bgpmgmt.mgmt.ConnectionStats;
import org.bgpmgmt.mgmt.Endpoint;

/**
 * The demo: one control plane and three data planes in one JVM over 127.0.0.1. The control plane
 * pushes BFD sessions and, beside them on the same connections, BGP peers (the BGP peer catalog),
 * the data planes bring them up, one data plane restarts and gets its sessions and peers back, one
 * session flaps, counters are asked for and checked, and a status table refreshes while it runs.
 * Exits 0 only when every step was seen to succeed.
 */
final class DemoCommand {
    private static final int DATA_PLANES = 3;
    private static final int BGP_PEERS = 6;
    private static final String[] PEER_NAMES = {
        "transit-a", "transit-b", "ix-route-server-1", "ix-route-server-2", "customer-1", "customer-2",
    };

    private final PrintStream out;
    private final int sessions;
    private final Duration duration;
    private final List<String> failures = new ArrayList<>();
    private final AtomicLong stateChanges = new AtomicLong();
    private final AtomicLong peerReports = new AtomicLong();
    private final List<BgpMgmtContext> dataPlanes = new ArrayList<>();
    private final List<BfdDataPlane> dataBfd = new ArrayList<>();
    private final List<BgpPeerCatalog> dataPeers = new ArrayList<>();
    private EventLoop controlLoop;
    private EventLoop dataLoop;
    private BgpMgmtContext control;
    private BfdControlPlane controlBfd;
    private BgpPeerCatalog controlPeers;
    private long lastMessages;
    private long lastAt;

    private DemoCommand(final PrintStream out, final int sessions, final Duration duration) {
        this.out = out;
        this.sessions = sessions;
        this.duration = duration;
    }

    static Args args() {
        return new Args("demo", "One control plane and three data planes on 127.0.0.1, each step checked.")
            .option("--duration", "10", "seconds to run")
            .option("--sessions", "30", "BFD sessions the control plane pushes");
    }

    static int run(final Args args, final PrintStream out) throws Args.UsageException {
        return new DemoCommand(out, args.integer("--sessions", 1, 10_000), args.seconds("--duration")).run();
    }

    private int run() {
        controlLoop = new EventLoop(new EventLoopConfig().name("control-plane")).start();
        dataLoop = new EventLoop(new EventLoopConfig().name("data-planes")).start();
        try {
            startControlPlane();
            out.println("control plane listening on " + control.endpoint());
            for (int i = 0; i < DATA_PLANES; i++) {
                startDataPlane(i);
            }
            step("3 data planes connected", () -> control.stats().connections().size() == DATA_PLANES);
            final List<CompletableFuture<Void>> pushed = new ArrayList<>(sessions);
            for (int lid = 1; lid <= sessions; lid++) {
                pushed.add(controlBfd.updateSession(BfdSession.builder(lid)
                    .addresses(InetAddress.getByName("192.0.2.1"), InetAddress.getByName("192.0.2." + (lid % 250 + 2)))
                    .minTx(300_000).minRx(300_000).detectMultiplier(3).build()));
            }
            joinAll(pushed);
            step(sessions + " sessions pushed and up", () -> upCount() == sessions);
            for (int key = 1; key <= BGP_PEERS; key++) {
                controlPeers.updatePeer(bgpPeer(key));
            }
            step(BGP_PEERS + " BGP peers established", () -> establishedCount() == BGP_PEERS);
            runFaults();
            checkCounters();
            step("every session up at the end", () -> upCount() == sessions);
            step("every BGP peer established at the end", () -> establishedCount() == BGP_PEERS);
            status();
            out.println();
            out.println(control.showDistributed());
            out.println(controlLoop.showCpu());
            out.println(dataLoop.showCpu());
        } catch (Exception e) {
            failures.add("demo stopped: " + e);
        } finally {
            for (BgpMgmtContext d : dataPlanes) {
                d.close();
            }
            if (control != null) {
                control.close();
            }
            controlLoop.shutdown(Duration.ofSeconds(5));
            dataLoop.shutdown(Duration.ofSeconds(5));
        }
        if (failures.isEmpty()) {
            out.println("demo: every step succeeded");
            return 0;
        }
        out.println("demo: FAILED: " + String.join("; ", failures));
        return 1;
    }

    /** The timed part: a data plane restarts after a third of the run, a session flaps after two. */
    private void runFaults() throws Exception {
        final long end = System.nanoTime() + duration.toNanos();
        final long third = duration.toNanos() / 3;
        boolean restarted = false;
        boolean flapped = false;
        while (System.nanoTime() < end) {
            status();
            if (!restarted && System.nanoTime() > end - 2 * third) {
                restarted = true;
                restartDataPlane(1);
            }
            if (!flapped && System.nanoTime() > end - third) {
                flapped = true;
                flapSession(1);
            }
            Thread.sleep(1000);
        }
    }

    /** The control plane; the BGP peer catalog rides the same connections, configured before start. */
    private void startControlPlane() throws Exception {
        controlPeers = new BgpPeerCatalog(Role.CONTROL_PLANE);
        control = BgpMgmtContext.server(controlLoop, Endpoint.parse("127.0.0.1:0"),
            new BgpMgmtConfig().name("control")).addCatalog(controlPeers);
        controlBfd = BfdControlPlane.addTo(control).addListener(new SessionListener() {
            @Override
            public void stateChanged(final BfdSession session, final SessionState state) {
                stateChanges.incrementAndGet();
            }
        });
        controlPeers.addListener(new BgpPeerListener() {
            @Override
            public void peerStateChanged(final BgpPeer peer, final PeerState state) {
                peerReports.incrementAndGet();
            }
        });
        control.start().get(10, TimeUnit.SECONDS);
    }

    /** Starts data plane {@code index}, or its replacement, into {@link #dataPlanes} and {@link #dataBfd}. */
    private void startDataPlane(final int index) {
        final BgpPeerCatalog peers = new BgpPeerCatalog(Role.DATA_PLANE);
        peers.addListener(new BgpPeerListener() {
            @Override
            public void peerReceived(final BgpPeer peer, final boolean added) {
                // What a real data plane does once its BGP session is up: report it Established.
                peers.updateCounters(peerCountersOf(peer.key()));
                peers.reportState(PeerState.of(peer.key(), BgpFsmState.ESTABLISHED, 0));
            }
        });
        final BgpMgmtContext dp = BgpMgmtContext.client(dataLoop, control.endpoint(), new BgpMgmtConfig()
            .name("dataplane-" + index).reconnectDelay(Duration.ofMillis(200)))
            .addCatalog(peers);
        if (index < dataPeers.size()) {
            dataPeers.set(index, peers);
        } else {
            dataPeers.add(peers);
        }
        final BfdDataPlane bfd = BfdDataPlane.addTo(dp);
        bfd.addListener(new SessionListener() {
            @Override
            public void sessionReceived(final BfdSession session, final boolean added) {
                // What a real data plane does once its BFD packets flow: report the session up. On the
                // loop thread both run at once; a failure is a failed step, seen by the checks.
                bfd.updateCounters(countersOf(session.lid()));
                bfd.reportState(new StateReport(session.lid(), BfdState.UP, BfdDiagnostic.NONE,
                    new RemoteSystem(session.lid() + 10_000, 0, 300_000, 300_000, 0, 3)));
            }
        });
        if (index < dataPlanes.size()) {
            dataPlanes.set(index, dp);
            dataBfd.set(index, bfd);
        } else {
            dataPlanes.add(dp);
            dataBfd.add(bfd);
        }
        dp.start(); // a client: the future completes at the first attempt; failures are retried
    }

    private static SessionCounters countersOf(final int lid) {
        return new SessionCounters(lid, new Traffic(lid, lid * 64L, lid, lid * 64L), Traffic.NONE);
    }

    /** Waits, bounded, for operations sent across to a loop; a failure or timeout stops the demo. */
    private static void joinAll(final List<? extends CompletableFuture<?>> operations) throws Exception {
        CompletableFuture.allOf(operations.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
    }

    /** An eBGP peer: local AS 65000, each peer in an AS of its own (RFC 5398's documentation ASes). */
    private static BgpPeer bgpPeer(final int key) throws Exception {
        return BgpPeer.builder(key).peerAddress(InetAddress.getByName("203.0.113." + key))
            .localAddress(InetAddress.getByName("203.0.113.254")).remoteAs(64_496L + key).localAs(65_000)
            .description(PEER_NAMES[(key - 1) % PEER_NAMES.length]).build();
    }

    private static PeerCounters peerCountersOf(final int key) {
        return new PeerCounters(key, key * 100L, key * 90L, key * 10L, key * 8L, key * 1000L, key * 990L, 1);
    }

    private void restartDataPlane(final int index) throws Exception {
        out.println("-- data plane " + index + " stops; its sessions and BGP peers wait for it");
        final long before = stateChanges.get(); // before: the resync may report faster than we look
        final long peersBefore = peerReports.get();
        dataPlanes.get(index).close();
        step("data plane " + index + " gone", () -> control.stats().connections().size() == DATA_PLANES - 1);
        startDataPlane(index);
        out.println("-- data plane " + index + " is back; the control plane resyncs its sessions and BGP peers");
        step("data plane " + index + " back", () -> control.stats().connections().size() == DATA_PLANES);
        step("its sessions reported up again", () -> stateChanges.get() > before && upCount() == sessions);
        step("its BGP peers resynced and established again", () -> peerReports.get() > peersBefore
            && dataPlanePeerCount() == BGP_PEERS && establishedCount() == BGP_PEERS);
    }

    private void flapSession(final int lid) throws Exception {
        out.println("-- session " + lid + " goes down (control detection time expired) and comes back");
        // Only the data plane holding the session reports it; the others answer false.
        final List<CompletableFuture<Boolean>> reports = new ArrayList<>();
        for (BfdDataPlane dp : dataBfd) {
            reports.add(dp.reportState(StateReport.of(lid, BfdState.DOWN, BfdDiagnostic.CONTROL_EXPIRED)));
        }
        joinAll(reports);
        step("session " + lid + " down", () -> !controlBfd.sessionState(lid).isUp());
        reports.clear();
        for (BfdDataPlane dp : dataBfd) {
            reports.add(dp.reportState(StateReport.of(lid, BfdState.UP, BfdDiagnostic.NONE)));
        }
        joinAll(reports);
        step("session " + lid + " up again", () -> controlBfd.sessionState(lid).isUp()
            && controlBfd.sessionState(lid).transitions().downCount() == 1);
    }

    private void checkCounters() throws Exception {
        for (int lid = 1; lid <= Math.min(sessions, 5); lid++) {
            final SessionCounters got = controlBfd.requestCounters(lid).get(5, TimeUnit.SECONDS);
            if (!got.equals(countersOf(lid))) {
                failures.add("counters of session " + lid + ": got " + got);
            }
        }
        out.println("counters of sessions 1.." + Math.min(sessions, 5) + " asked for and checked");
        final int key = BGP_PEERS;
        final PeerCounters got = controlPeers.requestCounters(key).get(5, TimeUnit.SECONDS);
        if (!got.equals(peerCountersOf(key))) {
            failures.add("counters of BGP peer " + key + ": got " + got);
        }
        out.println("counters of BGP peer " + key + " (" + PEER_NAMES[key - 1] + ") asked for and checked");
    }

    private long establishedCount() {
        long established = 0;
        for (int key = 1; key <= BGP_PEERS; key++) {
            final PeerState s = controlPeers.peerState(key);
            if (s != null && s.isEstablished()) {
                established++;
            }
        }
        return established;
    }

    /** Peers held by the data planes now running: each peer is on one of them. */
    private int dataPlanePeerCount() {
        int held = 0;
        for (BgpPeerCatalog peers : dataPeers) {
            held += peers.peers().size();
        }
        return held;
    }

    private long upCount() {
        final Map<Integer, SessionState> states = controlBfd.sessionStates(); // one read for the whole table
        long up = 0;
        for (int lid = 1; lid <= sessions; lid++) {
            final SessionState s = states.get(lid);
            if (s != null && s.isUp()) {
                up++;
            }
        }
        return up;
    }

    private void status() throws Exception {
        final int[] byState = new int[BfdState.values().length];
        final Map<Integer, SessionState> states = controlBfd.sessionStates();
        for (int lid = 1; lid <= sessions; lid++) {
            final SessionState s = states.get(lid);
            byState[(s == null ? BfdState.DOWN : s.state()).code()]++;
        }
        long messages = 0;
        for (ConnectionStats c : control.stats().connections()) {
            messages += c.input().messages() + c.output().messages();
        }
        final long now = System.nanoTime();
        final double rate = lastAt == 0 ? 0 : (messages - lastMessages) * 1e9 / (now - lastAt);
        lastMessages = messages;
        lastAt = now;
        long rtt = 0;
        int echoes = 0;
        for (BgpMgmtContext dp : dataPlanes) {
            try {
                rtt += dp.echo().get(2, TimeUnit.SECONDS);
                echoes++;
            } catch (Exception e) {
                // a data plane between connections: no RTT this round
            }
        }
        out.printf(Locale.ROOT, "sessions: %3d up %3d down %3d init %3d admin-down | bgp peers: %d established"
                + " | %7.0f msg/s | echo RTT %6.1f us | data planes %d%n", byState[BfdState.UP.code()],
            byState[BfdState.DOWN.code()], byState[BfdState.INIT.code()], byState[BfdState.ADMIN_DOWN.code()],
            establishedCount(), rate, echoes == 0 ? 0 : rtt / echoes / 1e3, echoes);
    }

    /** Waits up to 10 s for {@code condition}; a timeout is a failed step, not an exception. */
    private void step(final String what, final Check condition) throws Exception {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.holds()) {
            if (System.nanoTime() > deadline) {
                failures.add(what);
                out.println("   step FAILED: " + what);
                return;
            }
            Thread.sleep(10);
        }
        out.println("   ok: " + what);
    }

    @FunctionalInterface
    private interface Check {
        boolean holds() throws Exception;
    }
}
