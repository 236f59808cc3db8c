package org.bgpmgmt.bfd;

import java.util.List;
import java.util.Map;
import org.bgpmgmt.mgmt.BgpMgmtContext;

/**
 * The read half both BFD views share: the figures of their {@link SessionTable}. Each side adds its
 * own operations on top. Any thread.
 */
abstract sealed class SideView implements BfdView permits BfdControlPlane, BfdDataPlane {
    final SessionTable table;

    SideView(final SessionTable table) {
        this.table = table;
    }

    @Override
    public final BgpMgmtContext context() {
        return table.context();
    }

    @Override
    public final boolean isControlPlane() {
        return table.controlPlane;
    }

    @Override
    public final List<BfdSession> sessions() {
        return table.readSessions();
    }

    @Override
    public final SessionState sessionState(final int lid) {
        return table.readState(lid);
    }

    @Override
    public final Map<Integer, SessionState> sessionStates() {
        return table.readStates();
    }

    @Override
    public final BfdStats stats() {
        return table.readStats();
    }

    /**
     * Returns the view's class and its context's name, for logs.
     *
     * @return the description
     */
    @Override
    public final String toString() {
        return getClass().getSimpleName() + '[' + table.context().name() + ']';
    }
}
