package org.bgpmgmt.bfd;

import java.util.Objects;

/**
 * A session's packet counters, as DP_REQUEST_SESSION_COUNTERS asks for them and
 * BFD_SESSION_COUNTERS answers (bfdd's {@code show bfd peers counters}). Thread-safe: immutable.
 *
 * @param lid the session's local discriminator
 * @param control the control packets' traffic
 * @param echo the echo packets' traffic
 */
public record SessionCounters(int lid, Traffic control, Traffic echo) {
    /**
     * Checks the components.
     *
     * @param lid the session's local discriminator
     * @param control the control packets' traffic
     * @param echo the echo packets' traffic
     * @throws NullPointerException for missing traffic
     */
    public SessionCounters {
        Objects.requireNonNull(control, "control");
        Objects.requireNonNull(echo, "echo");
    }

    /**
     * Returns counters of nothing, what a data plane answers before it set any.
     *
     * @param lid the session
     * @return the zero counters
     */
    public static SessionCounters zero(final int lid) {
        return new SessionCounters(lid, Traffic.NONE, Traffic.NONE);
    }
}
