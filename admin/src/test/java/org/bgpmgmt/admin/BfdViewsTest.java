package org.bgpmgmt.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.bgpmgmt.mgmt.SessionState;
import org.bgpmgmt.wire.BfdState;
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

    private static SessionState state(final int state) {
        return new SessionState(1, state, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    }
}
