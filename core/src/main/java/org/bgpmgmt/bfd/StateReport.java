package org.bgpmgmt.bfd;

import java.util.Objects;

/**
 * One report of a session's state: what a data plane sends with BFD_STATE_CHANGE and a control
 * plane hears. Thread-safe: immutable.
 *
 * @param lid the session's local discriminator
 * @param state the state
 * @param diagnostic why it last changed
 * @param remote what is known of the remote system
 */
public record StateReport(int lid, BfdState state, BfdDiagnostic diagnostic, RemoteSystem remote) {
    /**
     * Checks the components.
     *
     * @param lid the session's local discriminator
     * @param state the state
     * @param diagnostic why it last changed
     * @param remote what is known of the remote system
     * @throws NullPointerException for a missing state, diagnostic or remote
     */
    public StateReport {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(diagnostic, "diagnostic");
        Objects.requireNonNull(remote, "remote");
    }

    /**
     * Returns a report with nothing known of the remote system.
     *
     * @param lid the session
     * @param state the state
     * @param diagnostic why it last changed
     * @return the report
     */
    public static StateReport of(final int lid, final BfdState state, final BfdDiagnostic diagnostic) {
        return new StateReport(lid, state, diagnostic, RemoteSystem.UNKNOWN);
    }
}
