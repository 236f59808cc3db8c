package org.bgpmgmt.load;

/** A wrong, missing or late reply: the run is void and the tool exits non-zero. */
final class LoadFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    LoadFailure(final String message) {
        super(message);
    }
}
