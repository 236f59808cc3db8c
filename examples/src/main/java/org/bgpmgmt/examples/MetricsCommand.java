package org.bgpmgmt.examples;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.bgpmgmt.bfd.BfdControlPlane;
import org.bgpmgmt.bfd.BfdDataPlane;
import org.bgpmgmt.bfd.BfdSession;
import org.bgpmgmt.event.EventLoop;
import org.bgpmgmt.event.EventLoopConfig;
import org.bgpmgmt.mgmt.BgpMgmtConfig;
import org.bgpmgmt.mgmt.BgpMgmtContext;
import org.bgpmgmt.mgmt.Endpoint;
import org.bgpmgmt.micrometer.BgpMgmtMetrics;

/**
 * {@code metrics}: a control plane and a data plane on one loop over a unix socket, a few sessions
 * pushed, then the Prometheus scrape text of {@link BgpMgmtMetrics} bound to a
 * {@link PrometheusMeterRegistry}: what a daemon's {@code /metrics} endpoint would serve.
 */
final class MetricsCommand {
    private MetricsCommand() {
    }

    static Args args() {
        return new Args("metrics", "Prints the Prometheus scrape of a control and a data plane on one loop.")
            .option("--sessions", "3", "sessions the control plane pushes");
    }

    static int run(final Args args, final PrintStream out) throws Exception {
        final int sessions = args.integer("--sessions", 0, 10_000);
        final Path dir = Files.createTempDirectory("bgpmgmt-metrics");
        final Endpoint at = Endpoint.parse("unix:" + dir.resolve("bfd.sock"));
        try (EventLoop loop = new EventLoop(new EventLoopConfig().name("bgpmgmt")).start();
             BgpMgmtContext control = BgpMgmtContext.server(loop, at, new BgpMgmtConfig().name("control"));
             BgpMgmtContext data = BgpMgmtContext.client(loop, at, new BgpMgmtConfig().name("dataplane"))) {
            final BfdControlPlane cp = BfdControlPlane.addTo(control);
            final BfdDataPlane dp = BfdDataPlane.addTo(data);
            final List<CompletableFuture<Void>> pushed = new ArrayList<>(sessions);
            for (int lid = 1; lid <= sessions; lid++) {
                pushed.add(cp.updateSession(BfdSession.builder(lid).addresses(InetAddress.getByName("192.0.2.1"),
                    InetAddress.getByName("198.51.100." + lid % 250)).build()));
            }
            CompletableFuture.allOf(pushed.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
            control.start().get(10, TimeUnit.SECONDS);
            data.start().get(10, TimeUnit.SECONDS);
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (dp.sessions().size() < sessions && System.nanoTime() < deadline) {
                Thread.sleep(10); // polling a condition with a deadline, never synchronising on time
            }
            final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            new BgpMgmtMetrics().loop(loop).context(control).context(data).bfd(cp).bfd(dp).bindTo(registry);
            out.print(registry.scrape());
            loop.shutdown(Duration.ofSeconds(5));
            return dp.sessions().size() == sessions ? 0 : 1;
        } finally {
            Files.deleteIfExists(dir.resolve("bfd.sock"));
            Files.deleteIfExists(dir);
        }
    }
}
