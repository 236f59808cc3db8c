package org.bgpmgmt.bfd;

import java.util.List;
import java.util.Map;
import org.bgpmgmt.mgmt.BgpMgmtContext;

/**
 * What both sides of bfddp can read of the BFD sessions they keep on a context: the figures an
 * operator's {@code show bfd peers} needs. {@link BfdControlPlane} and {@link BfdDataPlane} are the
 * two views; each adds its side's operations.
 *
 * <p>Any thread. Every read is a figure read ({@link org.bgpmgmt.event.LoopSnapshot}): off the loop
 * it returns what the loop published on its next turn, or, when a task has held the loop past
 * {@link org.bgpmgmt.event.LoopSnapshot#PATIENCE}, what it published before; it never waits on a
 * stuck loop.
 */
public interface BfdView {
    /**
     * Returns the context the sessions are kept on.
     *
     * @return the context
     */
    BgpMgmtContext context();

    /**
     * Tells which side of bfddp this view plays.
     *
     * @return true for the control plane (what bfdd does), false for the data plane
     */
    boolean isControlPlane();

    /**
     * Returns the sessions, sorted by lid (unsigned).
     *
     * @return an immutable list
     */
    List<BfdSession> sessions();

    /**
     * Returns what was last reported for a session.
     *
     * @param lid the session
     * @return the state, or null for an unknown lid
     */
    SessionState sessionState(int lid);

    /**
     * Returns every session's state in one read, as a table of all sessions needs.
     *
     * @return an immutable map by lid; a session nothing was reported for maps to its initial (down) state
     */
    Map<Integer, SessionState> sessionStates();

    /**
     * Returns the BFD figures: sessions kept, reports for unknown sessions, refused messages, listener errors.
     *
     * @return the figures
     */
    BfdStats stats();
}
