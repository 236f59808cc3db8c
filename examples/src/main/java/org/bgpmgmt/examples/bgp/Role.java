package org.bgpmgmt.examples.bgp;

/**
 * Which side of the BGP peer catalog a context plays. The example keeps one catalog class for both
 * sides and checks the side at run time, which keeps it short; core's BFD sessions show the other
 * shape, one view per side ({@code org.bgpmgmt.bfd.BfdControlPlane}, {@code BfdDataPlane}).
 */
public enum Role {
    /** Owns the peers: pushes PEER_ADD / PEER_DELETE, hears PEER_STATE, asks for counters. */
    CONTROL_PLANE,
    /** Hears the peers, reports their FSM state, answers counters requests. */
    DATA_PLANE
}
