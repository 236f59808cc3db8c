package org.bgpmgmt.mgmt;

/**
 * Fails a request future, or refuses an operation, because its connection is not up: lost,
 * closed, or not connected yet.
 */
public final class ConnectionClosedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message which connection, and why
     */
    public ConnectionClosedException(final String message) {
        super(message);
    }
}
