package org.bgpmgmt.mgmt;

import java.util.List;

/**
 * Every counter of a context at one moment, in named parts. Immutable; any thread.
 *
 * @param name the context's name
 * @param server true for a listening context, false for a connecting one
 * @param endpoint where it listens or connects
 * @param connections each connection's counters
 * @param admissions how connections were let in or not
 * @param closes why connections were closed by the context
 * @param listenerErrors exceptions thrown by connection listeners and by catalogs hearing a connection
 *     come up or go down
 */
public record ContextStats(String name, boolean server, String endpoint, List<ConnectionStats> connections,
                           Admissions admissions, Closes closes, long listenerErrors) {
    /**
     * How connections were let in, or not.
     *
     * @param accepted connections a server accepted
     * @param rejected connections a server closed at once because it was at its limit
     * @param refusedByCredentials unix-socket peers closed because their uid is not allowed
     * @param connectFailures connect attempts of a client that failed
     */
    public record Admissions(long accepted, long rejected, long refusedByCredentials, long connectFailures) {
    }

    /**
     * Why the context closed connections.
     *
     * @param protocolErrors connections closed for breaking the protocol
     * @param idleCloses connections closed for staying silent longer than the idle timeout
     * @param tlsFailures connections closed because TLS failed: a handshake (wrong CA, a certificate out
     *     of its dates, a name mismatch, a peer that does not speak TLS, a timeout) or a record
     */
    public record Closes(long protocolErrors, long idleCloses, long tlsFailures) {
    }
}
