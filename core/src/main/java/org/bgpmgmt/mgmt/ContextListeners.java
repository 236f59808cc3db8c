package org.bgpmgmt.mgmt;

import java.util.Arrays;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A context's session and connection listeners, and the calls into them: each listener runs on
 * the loop thread, and one that throws is logged and counted without disturbing the connection or
 * the other listeners. The arrays are replaced, never changed, so notifying allocates nothing.
 */
final class ContextListeners {
    private static final Logger LOG = LoggerFactory.getLogger(BgpMgmtContext.class);

    private final String name;
    private volatile SessionListener[] sessions = new SessionListener[0];
    private volatile ConnectionListener[] connections = new ConnectionListener[0];
    long errors;

    ContextListeners(final String name) {
        this.name = name;
    }

    /**
     * Loop thread: registers {@code listener} and tells it, in the same step, what the table
     * already holds, so that sessions that arrived before the listener are not missed.
     */
    void add(final SessionListener listener, final SessionTable table, final Role role) {
        final SessionListener[] now = sessions;
        final SessionListener[] next = Arrays.copyOf(now, now.length + 1);
        next[now.length] = Objects.requireNonNull(listener, "listener");
        sessions = next;
        try {
            table.replay(listener, role);
        } catch (RuntimeException e) {
            failed(e);
        }
    }

    /** Loop thread: registering and replaying in one step, so no connection is told twice. */
    void add(final ConnectionListener listener, final Iterable<Connection> open) {
        final ConnectionListener[] now = connections;
        final ConnectionListener[] next = Arrays.copyOf(now, now.length + 1);
        next[now.length] = listener;
        connections = next;
        for (Connection c : open) {
            if (c.isUp()) {
                try {
                    listener.connectionUp(c);
                } catch (RuntimeException e) {
                    failed(e);
                }
            }
        }
    }

    void connectionUp(final Connection c) {
        for (ConnectionListener l : connections) {
            try {
                l.connectionUp(c);
            } catch (RuntimeException e) {
                failed(e);
            }
        }
    }

    void outputDrained(final Connection c) {
        for (ConnectionListener l : connections) {
            try {
                l.outputDrained(c);
            } catch (RuntimeException e) {
                failed(e);
            }
        }
    }

    boolean owesOutput(final Connection c) {
        for (ConnectionListener l : connections) {
            if (l.hasPendingOutput(c)) {
                return true;
            }
        }
        return false;
    }

    void connectionDown(final Connection c) {
        for (ConnectionListener l : connections) {
            try {
                l.connectionDown(c);
            } catch (RuntimeException e) {
                failed(e);
            }
        }
    }

    void stateChanged(final BfdSession session, final SessionState state) {
        for (SessionListener l : sessions) {
            try {
                l.stateChanged(session, state);
            } catch (RuntimeException e) {
                failed(e);
            }
        }
    }

    void sessionReceived(final BfdSession session, final boolean added) {
        for (SessionListener l : sessions) {
            try {
                l.sessionReceived(session, added);
            } catch (RuntimeException e) {
                failed(e);
            }
        }
    }

    void sessionDeleted(final BfdSession session) {
        for (SessionListener l : sessions) {
            try {
                l.sessionDeleted(session);
            } catch (RuntimeException e) {
                failed(e);
            }
        }
    }

    private void failed(final RuntimeException e) {
        errors++;
        LOG.warn("{}: listener failed", name, e);
    }
}
