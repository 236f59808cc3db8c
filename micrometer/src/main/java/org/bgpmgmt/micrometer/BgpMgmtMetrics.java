package org.bgpmgmt.micrometer;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;
import org.bgpmgmt.bfd.BfdStats;
import org.bgpmgmt.bfd.BfdView;
import org.bgpmgmt.event.EventLoop;
import org.bgpmgmt.event.LoopGauges;
import org.bgpmgmt.event.TaskStats;
import org.bgpmgmt.mgmt.BgpMgmtContext;
import org.bgpmgmt.mgmt.ConnectionStats;
import org.bgpmgmt.mgmt.ContextStats;

/**
 * Binds bgpmgmt loops and contexts to a Micrometer registry: per loop the gauges of
 * {@link LoopGauges}, turn and stall counters and one {@link FunctionTimer} per task name (wall
 * time) with a CPU-time counter beside it; per context its counters, summed over connections; per BFD view
 * its session count and fault counters.
 *
 * <p><b>Freshness.</b> Meters read figures that never wait on a stuck loop (see
 * {@link EventLoop#taskStats()} and {@link BgpMgmtContext#stats()}); task and context figures are
 * read at most once per second per loop or context and shared by that scrape's meters; loop gauges
 * are read live. Task names that first run after {@link #bindTo} get their timers at the next
 * {@link #refreshTasks()} (call it before each scrape, or on a timer).
 *
 * <p>Configure with {@link #loop}, {@link #context} and {@link #bfd}, then bind. Any thread.
 */
public final class BgpMgmtMetrics implements MeterBinder {
    private static final long MEMO_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final List<LoopMeters> loops = new CopyOnWriteArrayList<>();
    private final List<BgpMgmtContext> contexts = new CopyOnWriteArrayList<>();
    private final List<BfdView> bfd = new CopyOnWriteArrayList<>();
    private volatile MeterRegistry registry;

    /** Creates a binder with nothing to bind yet. */
    public BgpMgmtMetrics() {
    }

    /**
     * Adds a loop. Any thread; before {@link #bindTo}.
     *
     * @param loop the loop
     * @return this binder
     */
    public BgpMgmtMetrics loop(final EventLoop loop) {
        loops.add(new LoopMeters(Objects.requireNonNull(loop, "loop")));
        return this;
    }

    /**
     * Adds a context. Any thread; before {@link #bindTo}.
     *
     * @param context the context
     * @return this binder
     */
    public BgpMgmtMetrics context(final BgpMgmtContext context) {
        contexts.add(Objects.requireNonNull(context, "context"));
        return this;
    }

    /**
     * Adds a context's BFD sessions, either side's view. Any thread; before {@link #bindTo}.
     *
     * @param sessions the view
     * @return this binder
     */
    public BgpMgmtMetrics bfd(final BfdView sessions) {
        bfd.add(Objects.requireNonNull(sessions, "sessions"));
        return this;
    }

    /**
     * Registers every meter of the loops, contexts and BFD views added so far. Any thread.
     *
     * @param registry the registry
     */
    @Override
    public void bindTo(final MeterRegistry registry) {
        this.registry = registry;
        for (LoopMeters l : loops) {
            l.bind(registry);
        }
        for (BgpMgmtContext c : contexts) {
            bindContext(registry, c);
        }
        for (BfdView v : bfd) {
            bindBfd(registry, v);
        }
    }

    /** Registers timers for task names that have run since the last bind or refresh. Any thread. */
    public void refreshTasks() {
        final MeterRegistry r = registry;
        if (r != null) {
            for (LoopMeters l : loops) {
                l.bindTasks(r);
            }
        }
    }

    private static void bindContext(final MeterRegistry registry, final BgpMgmtContext context) {
        final Memo<ContextStats> stats = new Memo<>(context::stats, MEMO_NANOS);
        final Tags tags = Tags.of("context", context.name());
        // Meters hold their state object weakly: the context (which the application holds) is the
        // state, and the memo travels in the function, which the meter holds strongly.
        Gauge.builder("bgpmgmt.context.connections.up", context,
            c -> stats.get().connections().stream().filter(ConnectionStats::up).count()).tags(tags)
            .description("connections that are up").register(registry);
        counter(registry, context, "bgpmgmt.context.accepted", tags, stats, s -> s.admissions().accepted());
        counter(registry, context, "bgpmgmt.context.rejected", tags, stats, s -> s.admissions().rejected());
        counter(registry, context, "bgpmgmt.context.protocol.errors", tags, stats, s -> s.closes().protocolErrors());
        counter(registry, context, "bgpmgmt.context.idle.closes", tags, stats, s -> s.closes().idleCloses());
        counter(registry, context, "bgpmgmt.context.tls.failures", tags, stats, s -> s.closes().tlsFailures());
        counter(registry, context, "bgpmgmt.context.input.messages", tags, stats,
            s -> sum(s, c -> c.input().messages()));
        counter(registry, context, "bgpmgmt.context.output.messages", tags, stats,
            s -> sum(s, c -> c.output().messages()));
        counter(registry, context, "bgpmgmt.context.input.bytes", tags, stats,
            s -> sum(s, c -> c.input().bytes()));
        counter(registry, context, "bgpmgmt.context.output.bytes", tags, stats,
            s -> sum(s, c -> c.output().bytes()));
        counter(registry, context, "bgpmgmt.context.output.full", tags, stats,
            s -> sum(s, c -> c.refused().outputFull()));
    }

    private static void bindBfd(final MeterRegistry registry, final BfdView view) {
        final Memo<BfdStats> stats = new Memo<>(view::stats, MEMO_NANOS);
        final Tags tags = Tags.of("context", view.context().name(), "side",
            view.isControlPlane() ? "control-plane" : "data-plane");
        Gauge.builder("bgpmgmt.bfd.sessions", view, v -> stats.get().sessions()).tags(tags)
            .description("BFD sessions kept").register(registry);
        FunctionCounter.builder("bgpmgmt.bfd.unknown.sessions", view, v -> stats.get().unknownSessions()).tags(tags)
            .description("State reports for a session the control plane does not have").register(registry);
        FunctionCounter.builder("bgpmgmt.bfd.malformed", view, v -> stats.get().malformed()).tags(tags)
            .description("Session or state messages refused for their content").register(registry);
        FunctionCounter.builder("bgpmgmt.bfd.listener.errors", view, v -> stats.get().listenerErrors()).tags(tags)
            .description("Exceptions thrown by session listeners").register(registry);
    }

    private static void counter(final MeterRegistry registry, final BgpMgmtContext context, final String name,
                                final Tags tags, final Memo<ContextStats> stats,
                                final ToDoubleFunction<ContextStats> f) {
        FunctionCounter.builder(name, context, c -> f.applyAsDouble(stats.get())).tags(tags).register(registry);
    }

    private static double sum(final ContextStats s, final ToDoubleFunction<ConnectionStats> f) {
        double n = 0;
        for (ConnectionStats c : s.connections()) {
            n += f.applyAsDouble(c);
        }
        return n;
    }

    /** The meters of one loop; task timers are added as task names appear. */
    private static final class LoopMeters {
        private static final TaskStats.Timing NOTHING = new TaskStats.Timing(0, 0);
        private static final TaskStats.Faults NO_FAULTS = new TaskStats.Faults(0, 0, 0, 0, 0);
        private final EventLoop loop;
        private final Memo<List<TaskStats>> stats;
        private final java.util.Set<String> bound = java.util.concurrent.ConcurrentHashMap.newKeySet();

        LoopMeters(final EventLoop loop) {
            this.loop = loop;
            this.stats = new Memo<>(loop::taskStats, MEMO_NANOS);
        }

        void bind(final MeterRegistry registry) {
            final Tags tags = Tags.of("loop", loop.name());
            gauge(registry, "bgpmgmt.loop.pending.submissions", tags, g -> g.waiting().submissions());
            gauge(registry, "bgpmgmt.loop.timers", tags, g -> g.waiting().timers());
            gauge(registry, "bgpmgmt.loop.channels", tags, g -> g.waiting().channels());
            gauge(registry, "bgpmgmt.loop.utilization", tags, g -> g.turns().utilization());
            TimeGauge.builder("bgpmgmt.loop.since.last.turn", loop, TimeUnit.NANOSECONDS,
                l -> l.gauges().turns().sinceLastNanos()).tags(tags).register(registry);
            TimeGauge.builder("bgpmgmt.loop.running.task", loop, TimeUnit.NANOSECONDS,
                l -> runningNanos(l.gauges())).tags(tags).register(registry);
            FunctionCounter.builder("bgpmgmt.loop.turns", loop, l -> l.gauges().turns().count()).tags(tags)
                .register(registry);
            FunctionCounter.builder("bgpmgmt.loop.stalls", loop, EventLoop::stalls).tags(tags)
                .description("stalls the watchdog reported").register(registry);
            FunctionCounter.builder("bgpmgmt.loop.busy", loop, l -> l.gauges().turns().busyNanos() / 1e9).tags(tags)
                .baseUnit("seconds").register(registry);
            bindTasks(registry);
        }

        /** How long the task holding the loop has run; 0 between tasks. */
        private static long runningNanos(final LoopGauges gauges) {
            final LoopGauges.Running running = gauges.running();
            return running == null ? 0 : running.nanos();
        }

        private void gauge(final MeterRegistry registry, final String name, final Tags tags,
                           final ToDoubleFunction<LoopGauges> f) {
            Gauge.builder(name, loop, l -> f.applyAsDouble(l.gauges())).tags(tags).register(registry);
        }

        void bindTasks(final MeterRegistry registry) {
            stats.invalidate(); // a new name's first reading must include it
            for (TaskStats t : stats.get()) {
                if (!bound.add(t.name())) {
                    continue;
                }
                final String name = t.name();
                final Tags tags = Tags.of("loop", loop.name(), "task", name);
                FunctionTimer.builder("bgpmgmt.loop.task", loop, l -> row(stats, name).calls(),
                    l -> row(stats, name).wall().totalNanos(), TimeUnit.NANOSECONDS).tags(tags)
                    .description("wall time of the task's runs").register(registry);
                FunctionCounter.builder("bgpmgmt.loop.task.cpu", loop, l -> row(stats, name).cpu().totalNanos() / 1e9)
                    .tags(tags).baseUnit("seconds").register(registry);
            }
        }

        private static TaskStats row(final Memo<List<TaskStats>> stats, final String name) {
            for (TaskStats t : stats.get()) {
                if (t.name().equals(name)) {
                    return t;
                }
            }
            return new TaskStats(name, "", 0, NOTHING, NOTHING, NO_FAULTS); // cleared since bound
        }
    }
}
