package org.bgpmgmt.testing;

import java.io.IOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Function;
import org.bgpmgmt.bfd.BfdView;
import org.bgpmgmt.event.EventLoop;
import org.bgpmgmt.mgmt.BgpMgmtConfig;
import org.bgpmgmt.mgmt.BgpMgmtContext;
import org.bgpmgmt.mgmt.Endpoint;

/** Builds, configures and starts contexts for tests, waiting (bounded) for the start. */
public final class Contexts {
    private Contexts() {
    }

    /** A server context with {@code setup} applied before it starts; bound when this returns. */
    @SafeVarargs
    public static BgpMgmtContext listen(final EventLoop loop, final Endpoint at, final BgpMgmtConfig config,
                                        final Consumer<BgpMgmtContext>... setup) throws IOException {
        return started(BgpMgmtContext.server(loop, at, config), setup);
    }

    /** A client context with {@code setup} applied before it starts; its first attempt made. */
    @SafeVarargs
    public static BgpMgmtContext connect(final EventLoop loop, final Endpoint to, final BgpMgmtConfig config,
                                         final Consumer<BgpMgmtContext>... setup) {
        try {
            return started(BgpMgmtContext.client(loop, to, config), setup);
        } catch (IOException e) {
            throw new IllegalStateException("a client binds nothing", e);
        }
    }

    /**
     * A server context with one BFD side added by {@code view} (such as {@code BfdDataPlane::addTo}) before
     * it starts; bound when this returns. Returns the view: its {@code context()} is the context.
     */
    public static <V extends BfdView> V listenWith(final EventLoop loop, final Endpoint at, final BgpMgmtConfig config,
                                                   final Function<BgpMgmtContext, V> view) throws IOException {
        final BgpMgmtContext context = BgpMgmtContext.server(loop, at, config);
        final V v = view.apply(context);
        started(context);
        return v;
    }

    /** A client context with one BFD side added by {@code view} before it starts; its first attempt made. */
    public static <V extends BfdView> V connectWith(final EventLoop loop, final Endpoint to, final BgpMgmtConfig config,
                                                    final Function<BgpMgmtContext, V> view) {
        final BgpMgmtContext context = BgpMgmtContext.client(loop, to, config);
        final V v = view.apply(context);
        connect(context);
        return v;
    }

    /** Starts a client context built by the caller; its first attempt made. */
    public static BgpMgmtContext connect(final BgpMgmtContext context) {
        try {
            return started(context);
        } catch (IOException e) {
            throw new IllegalStateException("a client binds nothing", e);
        }
    }

    /** Applies {@code setup}, starts, and waits at most 10 s for the start. */
    @SafeVarargs
    public static BgpMgmtContext started(final BgpMgmtContext context, final Consumer<BgpMgmtContext>... setup)
        throws IOException {
        for (Consumer<BgpMgmtContext> s : setup) {
            s.accept(context);
        }
        try {
            context.start().get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException) {
                throw (IOException) e.getCause();
            }
            throw new IllegalStateException("start failed", e.getCause());
        } catch (InterruptedException | TimeoutException e) {
            throw new IllegalStateException("start did not complete", e);
        }
        return context;
    }
}
