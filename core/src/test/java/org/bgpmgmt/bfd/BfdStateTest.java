package org.bgpmgmt.bfd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class BfdStateTest {
    @Test
    void shouldCarryRfc5880Codes() {
        assertEquals(0, BfdState.ADMIN_DOWN.code());
        assertEquals(1, BfdState.DOWN.code());
        assertEquals(2, BfdState.INIT.code());
        assertEquals(3, BfdState.UP.code());
    }

    @Test
    void shouldRoundTripEveryCode() {
        for (BfdState s : BfdState.values()) {
            assertSame(s, BfdState.of(s.code()));
        }
        assertEquals("UP", BfdState.of(3).name());
    }

    @Test
    void shouldRefuseUnknownCodesNamingThem() {
        for (int code : new int[] {-1, 4, 9, 255}) {
            final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BfdState.of(code));
            assertEquals("state " + code + " is not a BFD state (0 to 3)", e.getMessage());
        }
    }
}
