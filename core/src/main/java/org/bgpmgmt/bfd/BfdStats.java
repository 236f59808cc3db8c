package org.bgpmgmt.bfd;

/**
 * A context's BFD figures. Thread-safe: immutable.
 *
 * @param sessions sessions kept
 * @param unknownSessions state reports for a lid the control plane does not have
 * @param malformed session or state messages whose content was refused (each closed its connection)
 * @param listenerErrors exceptions thrown by session listeners
 */
public record BfdStats(int sessions, long unknownSessions, long malformed, long listenerErrors) {
}
