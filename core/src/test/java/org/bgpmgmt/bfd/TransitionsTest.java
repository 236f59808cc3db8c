package org.bgpmgmt.bfd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

/** Transitions are counted over reports: a move into UP, a move out of it; staying put counts nothing. */
class TransitionsTest {
    private static SessionState after(final SessionState s, final BfdState next, final long nowMillis) {
        return s.then(StateReport.of(s.lid(), next, BfdDiagnostic.NONE), nowMillis);
    }

    @Test
    void shouldCountUpAndDownMovesAcrossReports() {
        SessionState s = SessionState.initial(4);
        assertEquals(Transitions.NONE, s.transitions());
        s = after(s, BfdState.INIT, 10);
        assertEquals(Transitions.NONE, s.transitions(), "down to init is neither up nor down");
        s = after(s, BfdState.UP, 20);
        assertEquals(new Transitions(1, 0, 20, 0), s.transitions());
        s = after(s, BfdState.UP, 30);
        assertEquals(new Transitions(1, 0, 20, 0), s.transitions(), "a repeated up is no new move");
        s = after(s, BfdState.DOWN, 40);
        assertEquals(new Transitions(1, 1, 20, 40), s.transitions());
        s = after(s, BfdState.ADMIN_DOWN, 50);
        assertEquals(new Transitions(1, 1, 20, 40), s.transitions(), "down to admin down stays down");
        s = after(s, BfdState.UP, 60);
        s = after(s, BfdState.ADMIN_DOWN, 70);
        assertEquals(new Transitions(2, 2, 60, 70), s.transitions(), "admin down from up is a down move");
        assertEquals(BfdState.ADMIN_DOWN, s.state());
    }

    @Test
    void shouldKeepTheSameTransitionsWhenNothingMoves() {
        final Transitions t = new Transitions(3, 2, 100, 90);
        assertSame(t, t.after(BfdState.DOWN, BfdState.INIT, 200));
        assertSame(t, t.after(BfdState.UP, BfdState.UP, 200));
    }
}
