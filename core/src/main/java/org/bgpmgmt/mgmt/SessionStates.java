package org.bgpmgmt.mgmt;

import java.util.Map;
import java.util.Objects;

/**
 * Every session's last reported state in one figure read: what a table of all sessions (bfdd's
 * {@code show bfd peers}) needs, without one {@link BgpMgmtContext#sessionState} read per row.
 * Any thread.
 */
public final class SessionStates {
    private SessionStates() {
    }

    /**
     * Returns the states of {@code context}'s sessions by lid. Any thread; a figure read that never
     * waits on a stuck loop: as fresh as {@link BgpMgmtContext#sessions()}.
     *
     * @param context the context
     * @return an immutable map; a session nothing was reported for yet maps to its initial (down) state
     */
    public static Map<Integer, SessionState> of(final BgpMgmtContext context) {
        return Objects.requireNonNull(context, "context").figures.sessionStates();
    }
}
