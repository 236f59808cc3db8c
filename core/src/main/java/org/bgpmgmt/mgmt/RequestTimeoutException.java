package org.bgpmgmt.mgmt;

/** Fails a request future whose reply did not arrive within the request timeout. */
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
