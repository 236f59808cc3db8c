package org.bgpmgmt.bfd;

/**
 * Hears what happens to sessions. Every method runs on the context's loop thread, must not block,
 * and has an empty default; an exception thrown here is logged, counted in {@link
 * BfdStats#listenerErrors()}, and disturbs neither the connection nor the other listeners.
 */
public interface SessionListener {
    /**
     * A data plane reported a state for a session (heard on a {@link BfdControlPlane}).
     *
     * @param session the session
     * @param state the new state, transitions counted
     */
    default void stateChanged(BfdSession session, SessionState state) {
    }

    /**
     * The control plane added or updated a session (heard on a {@link BfdDataPlane}).
     *
     * @param session the session as received
     * @param added true for a new lid, false for an update
     */
    default void sessionReceived(BfdSession session, boolean added) {
    }

    /**
     * The control plane deleted a session (heard on a {@link BfdDataPlane}).
     *
     * @param session the session as it was
     */
    default void sessionDeleted(BfdSession session) {
    }
}
