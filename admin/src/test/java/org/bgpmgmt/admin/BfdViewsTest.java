package org.bgpmgmt.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.bgpmgmt.bfd.BfdDiagnostic;
import org.bgpmgmt.bfd.BfdState;
import org.bgpmgmt.bfd.SessionState;
import org.bgpmgmt.bfd.StateReport;
import org.bgpmgmt.bfd.Transitions;
import org.junit.jupiter.api.Test;

class BfdViewsTest {
    @Test
    void shouldNameEachStateAsBfddDoes() {
        assertEquals("shutdown", BfdViews.status(state(BfdState.ADMIN_DOWN)));
        assertEquals("down", BfdViews.status(state(BfdState.DOWN)));
        assertEquals("init", BfdViews.status(state(BfdState.INIT)));
        assertEquals("up", BfdViews.status(state(BfdState.UP)));
        assertEquals("unknown", BfdViews.status(null));
    }

    private static SessionState state(final BfdState state) {
        return new SessionState(StateReport.of(1, state, BfdDiagnostic.NONE), Transitions.NONE);
    }
}
