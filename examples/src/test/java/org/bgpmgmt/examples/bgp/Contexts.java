package org.bgpmgmt.examples.bgp;

import java.io.IOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.bgpmgmt.event.EventLoop;
import org.bgpmgmt.mgmt.BgpMgmtConfig;
import org.bgpmgmt.mgmt.BgpMgmtContext;
import org.bgpmgmt.mgmt.Endpoint;

/** Builds, configures and starts contexts for the catalog's tests (the part of core's test helper they use). */
final class Contexts {
    private Contexts() {
    }

    /** A server context with {@code setup} applied before it starts; bound when this returns. */
    @SafeVarargs
    static BgpMgmtContext listen(final EventLoop loop, final Endpoint at, final BgpMgmtConfig config,
                                 final Consumer<BgpMgmtContext>... setup) throws IOException {
        return started(BgpMgmtContext.server(loop, at, config), setup);
    }

    /** A client context with {@code setup} applied before it starts; its first attempt made. */
    @SafeVarargs
    static BgpMgmtContext connect(final EventLoop loop, final Endpoint to, final BgpMgmtConfig config,
                                  final Consumer<BgpMgmtContext>... setup) {
        return connect(BgpMgmtContext.client(loop, to, config), setup);
    }

    /** Starts a client context built by the caller; its first attempt made. */
    @SafeVarargs
    static BgpMgmtContext connect(final BgpMgmtContext context, final Consumer<BgpMgmtContext>... setup) {
        try {
            return started(context, setup);
        } catch (IOException e) {
            throw new IllegalStateException("a client binds nothing", e);
        }
    }

    /** Applies {@code setup}, starts, and waits at most 10 s for the start. */
    @SafeVarargs
    static BgpMgmtContext started(final BgpMgmtContext context, final Consumer<BgpMgmtContext>... setup)
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
