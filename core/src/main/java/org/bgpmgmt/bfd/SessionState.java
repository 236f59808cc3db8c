package org.bgpmgmt.bfd;

import java.util.Objects;

/**
 * What a context knows of a session's state: the last report, and the transitions counted over
 * every report. Thread-safe: immutable.
 *
 * @param report the last report; {@link BfdState#DOWN} before any
 * @param transitions the up and down moves counted
 */
public record SessionState(StateReport report, Transitions transitions) {
    /**
     * Checks the components.
     *
     * @param report the last report
     * @param transitions the up and down moves counted
     * @throws NullPointerException for a missing report or transitions
     */
    public SessionState {
        Objects.requireNonNull(report, "report");
        Objects.requireNonNull(transitions, "transitions");
    }

    /**
     * Returns the state of a session nothing was reported for: down, no diagnostic, no transitions.
     *
     * @param lid the session
     * @return the initial state
     */
    public static SessionState initial(final int lid) {
        return new SessionState(StateReport.of(lid, BfdState.DOWN, BfdDiagnostic.NONE), Transitions.NONE);
    }

    /**
     * Returns the session's local discriminator.
     *
     * @return the lid
     */
    public int lid() {
        return report.lid();
    }

    /**
     * Returns the last reported state.
     *
     * @return the state
     */
    public BfdState state() {
        return report.state();
    }

    /**
     * Tells whether the last report said up.
     *
     * @return true when up
     */
    public boolean isUp() {
        return report.state() == BfdState.UP;
    }

    /** This state followed by {@code next}, its transitions counted at {@code nowMillis}. */
    SessionState then(final StateReport next, final long nowMillis) {
        return new SessionState(next, transitions.after(report.state(), next.state(), nowMillis));
    }
}
