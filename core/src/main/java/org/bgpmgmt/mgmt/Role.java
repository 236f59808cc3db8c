package org.bgpmgmt.mgmt;

/** Which side of bfddp a context plays. */
public enum Role {
    /**
     * What bfdd does: owns the sessions, pushes DP_ADD_SESSION / DP_DELETE_SESSION, receives
     * BFD_STATE_CHANGE, asks for counters.
     */
    CONTROL_PLANE,
    /**
     * What a distributed data plane does: receives sessions, reports their state with
     * BFD_STATE_CHANGE, answers DP_REQUEST_SESSION_COUNTERS.
     */
    DATA_PLANE;

    /** Throws, naming {@code method} and {@code who}, unless this role is {@code wanted}. */
    void require(final Role wanted, final String method, final Object who) {
        if (this != wanted) {
            throw new IllegalStateException(method + " needs the " + wanted + " role; " + who + " is " + this);
        }
    }
}
