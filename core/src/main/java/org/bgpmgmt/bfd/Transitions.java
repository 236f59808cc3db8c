package org.bgpmgmt.bfd;

/**
 * How often a session went up and down, and when last, as its context counted the reports
 * (bfdd's {@code show bfd peers} uptime and downtime). Thread-safe: immutable.
 *
 * @param upCount reports that took the session up
 * @param downCount reports that took it down from up
 * @param lastUpMillis when it last went up, epoch milliseconds; 0 never
 * @param lastDownMillis when it last went down, epoch milliseconds; 0 never
 */
public record Transitions(long upCount, long downCount, long lastUpMillis, long lastDownMillis) {
    /** No transition yet. */
    public static final Transitions NONE = new Transitions(0, 0, 0, 0);

    /** These transitions with a move from {@code from} to {@code to} at {@code nowMillis} counted on top. */
    Transitions after(final BfdState from, final BfdState to, final long nowMillis) {
        if (to == BfdState.UP && from != BfdState.UP) {
            return new Transitions(upCount + 1, downCount, nowMillis, lastDownMillis);
        }
        if (to != BfdState.UP && from == BfdState.UP) {
            return new Transitions(upCount, downCount + 1, lastUpMillis, nowMillis);
        }
        return this;
    }
}
