package org.bgpmgmt.load;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.bgpmgmt.bfd.BfdControlPlane;
import org.bgpmgmt.bfd.BfdDataPlane;
import org.bgpmgmt.bfd.BfdSession;
import org.bgpmgmt.event.EventLoop;
import org.bgpmgmt.event.EventLoopConfig;
import org.bgpmgmt.mgmt.BgpMgmtConfig;
import org.bgpmgmt.mgmt.BgpMgmtContext;
import org.bgpmgmt.mgmt.Endpoint;

/**
 * The soak: four control-plane clients push session updates, each carrying a sequence number (in
 * the hold-time field), to one data-plane server that is restarted every few seconds. At the end
 * every client's last value of every session must be on the server: nothing lost after resync.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar org.bgpmgmt.load.SoakRunner [--updates 1000000]
 *     [--clients 4] [--sessions-per-client 1000] [--restart-every 2] [--seconds 20]
 * </pre>
 */
public final class SoakRunner {
    private SoakRunner() {
    }

    /**
     * Runs the soak and exits 0 when both sides agree, 1 otherwise.
     *
     * @param args the command line
     * @throws Exception when the server cannot be started
     */
    public static void main(final String[] args) throws Exception {
        final int updates = Integer.parseInt(LoadGenerator.value(args, "--updates", "1000000"));
        final int clients = Integer.parseInt(LoadGenerator.value(args, "--clients", "4"));
        final int perClient = Integer.parseInt(LoadGenerator.value(args, "--sessions-per-client", "1000"));
        final long restartMillis = (long) (Double.parseDouble(LoadGenerator.value(args, "--restart-every", "2")) * 1000);
        final double seconds = Double.parseDouble(LoadGenerator.value(args, "--seconds", "20"));
        System.exit(run(updates, clients, perClient, restartMillis, seconds) ? 0 : 1);
    }

    static boolean run(final int updates, final int clients, final int perClient, final long restartMillis,
                       final double seconds) throws Exception {
        final InetAddress local = InetAddress.getByName("127.0.0.1");
        final InetAddress peer = InetAddress.getByName("127.0.0.2");
        try (EventLoop serverLoop = new EventLoop(new EventLoopConfig().name("soak-server")).start();
             EventLoop clientLoop = new EventLoop(new EventLoopConfig().name("soak-clients")).start()) {
            final BgpMgmtConfig serverConfig = new BgpMgmtConfig().name("soak-server");
            final BfdDataPlane[] server = {dataPlane(BgpMgmtContext.server(serverLoop, Endpoint.parse("127.0.0.1:0"),
                serverConfig))};
            final Endpoint at = server[0].context().endpoint();
            final List<BfdControlPlane> controls = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                final BgpMgmtContext client = BgpMgmtContext.client(clientLoop, at, new BgpMgmtConfig()
                    .name("soak-client-" + c).reconnectDelay(Duration.ofMillis(50))
                    .reconnectMaxDelay(Duration.ofMillis(500)));
                final BfdControlPlane control = BfdControlPlane.addTo(client);
                started(client);
                controls.add(control);
            }
            final AtomicBoolean pushing = new AtomicBoolean(true);
            final AtomicInteger restarts = new AtomicInteger();
            final Thread restarter = new Thread(() -> {
                while (pushing.get()) {
                    try {
                        Thread.sleep(restartMillis);
                        server[0].context().close();
                        server[0] = dataPlane(BgpMgmtContext.server(serverLoop, at, serverConfig));
                        restarts.incrementAndGet();
                    } catch (Exception e) {
                        throw new IllegalStateException("restart failed", e);
                    }
                }
            }, "soak-restarter");
            final long start = System.nanoTime();
            restarter.start();
            final List<Thread> pushers = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                final BfdControlPlane control = controls.get(c);
                final int base = c * perClient;
                final int share = updates / clients;
                pushers.add(new Thread(() -> {
                    final double perNano = share / (seconds * 1e9);
                    for (int i = 0; i < share; i++) {
                        // The sequence number rides in hold_time.
                        final CompletableFuture<Void> pushed = control.updateSession(BfdSession.builder(
                            base + i % perClient + 1).addresses(local, peer).holdTime(i + 1).build());
                        if (i % 1000 == 999) {
                            // Paced over the run, so the push spans many restarts; and waiting (bounded)
                            // for the loop to take this update keeps the pushers from racing ahead of it.
                            join(pushed);
                            final long due = start + (long) (i / perNano);
                            while (System.nanoTime() < due) {
                                java.util.concurrent.locks.LockSupport.parkNanos(due - System.nanoTime());
                            }
                        }
                    }
                }, "soak-pusher-" + c));
            }
            pushers.forEach(Thread::start);
            for (Thread t : pushers) {
                t.join();
            }
            final double pushSeconds = (System.nanoTime() - start) / 1e9;
            pushing.set(false);
            restarter.join();
            final Map<Integer, Long> expected = new HashMap<>();
            for (BfdControlPlane control : controls) {
                for (BfdSession s : control.sessions()) {
                    expected.put(s.lid(), s.holdTimeMillis());
                }
            }
            final long converge = System.nanoTime();
            boolean agreed = false;
            while (!agreed && System.nanoTime() - converge < Duration.ofSeconds(60).toNanos()) {
                final Map<Integer, Long> got = new HashMap<>();
                for (BfdSession s : server[0].sessions()) {
                    got.put(s.lid(), s.holdTimeMillis());
                }
                agreed = got.equals(expected);
                if (!agreed) {
                    Thread.sleep(50);
                }
            }
            System.out.printf(Locale.ROOT, "soak: %d updates from %d clients over %d sessions in %.1f s (%.0f/s),"
                    + " %d server restarts; %s %.1f s after the last update%n", updates, clients, expected.size(),
                pushSeconds, updates / pushSeconds, restarts.get(), agreed ? "both sides agree" : "MISMATCH",
                (System.nanoTime() - converge) / 1e9);
            for (BfdControlPlane control : controls) {
                control.context().close();
            }
            server[0].context().close();
            return agreed && expected.size() == clients * perClient;
        }
    }

    /** Starts {@code context} and waits at most 10 s for the bind or first connect attempt. */
    private static BgpMgmtContext started(final BgpMgmtContext context) throws Exception {
        context.start().get(10, TimeUnit.SECONDS);
        return context;
    }

    /** The data plane's view of {@code context}, added before it starts; started. */
    private static BfdDataPlane dataPlane(final BgpMgmtContext context) throws Exception {
        final BfdDataPlane view = BfdDataPlane.addTo(context);
        started(context);
        return view;
    }

    /** Waits at most 10 s for an update to reach the loop: a pusher that waits longer has found a stuck loop. */
    private static void join(final CompletableFuture<Void> pushed) {
        try {
            pushed.get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while pushing", e);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("an update did not reach the client's loop", e);
        }
    }
}
