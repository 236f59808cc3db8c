package org.bgpmgmt.mgmt;

/**
 * Fails a future past its bound: a request whose reply did not arrive within the request timeout, or a call
 * the loop did not run within the call timeout.
 */
public final class RequestTimeoutException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what was asked of whom, and how long it waited
     */
    public RequestTimeoutException(final String message) {
        super(message);
    }
}
