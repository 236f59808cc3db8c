package org.bgpmgmt.event;

/**
 * What makes a scheduled task ready to run; the one-letter {@link #code()} is the "Type" column of
 * {@link EventLoop#showCpu()}, as in FRR's {@code show event cpu}.
 */
public enum TaskKind {
    /** Runs once when a channel is readable (OP_READ). */
    READ('R'),
    /** Runs once when a channel is writable (OP_WRITE). */
    WRITE('W'),
    /** Runs once when a server channel has a connection to accept (OP_ACCEPT). */
    ACCEPT('A'),
    /** Runs once when a non-blocking connect can be finished (OP_CONNECT). */
    CONNECT('C'),
    /** Runs once when its deadline has passed. */
    TIMER('T'),
    /** Runs on the next turn of the loop, carrying an {@code int} value. */
    EVENT('E'),
    /** Ran inline through {@link EventLoop#execute}. */
    EXECUTE('X'),
    /** Internal: work another thread hands to the loop, applied before the turn runs anything. */
    COMMAND('*');

    private final char code;

    TaskKind(final char code) {
        this.code = code;
    }

    /**
     * Returns the one-letter code of this kind.
     *
     * @return R, W, A, C, T, E, X or *
     */
    public char code() {
        return code;
    }

    boolean isIo() {
        return ordinal() <= CONNECT.ordinal();
    }
}
