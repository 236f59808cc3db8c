package org.bgpmgmt.mgmt;

/**
 * Hands out 16-bit request ids, 1..65535 and wrapping, never 0: in bfddp an id of 0 means an
 * unsolicited message, so a reply to id 0 could not be told from one. Loop thread only.
 */
final class IdAllocator {
    private int last;

    /** Returns the next id, skipping 0. */
    int next() {
        last = (last & 0xFFFF) + 1;
        if (last > 0xFFFF) {
            last = 1;
        }
        return last;
    }

    void reset() {
        last = 0;
    }
}
