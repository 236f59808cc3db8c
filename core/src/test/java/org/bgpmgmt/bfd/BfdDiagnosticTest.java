package org.bgpmgmt.bfd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class BfdDiagnosticTest {
    @Test
    void shouldCarryRfc5880Codes() {
        assertEquals(0, BfdDiagnostic.NONE.code());
        assertEquals(1, BfdDiagnostic.CONTROL_EXPIRED.code());
        assertEquals(7, BfdDiagnostic.ADMIN_DOWN.code());
        assertEquals(8, BfdDiagnostic.REVERSE_CONCATENATED_PATH_DOWN.code());
    }

    @Test
    void shouldRoundTripEveryCode() {
        for (BfdDiagnostic d : BfdDiagnostic.values()) {
            assertSame(d, BfdDiagnostic.of(d.code()));
        }
        assertEquals("REVERSE_CONCATENATED_PATH_DOWN", BfdDiagnostic.of(8).name());
    }

    @Test
    void shouldRefuseReservedAndOutOfRangeCodesNamingThem() {
        for (int code : new int[] {-1, 9, 31, 255}) { // 9 to 31 are reserved by RFC 5880
            final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BfdDiagnostic.of(code));
            assertEquals("diagnostic " + code + " is not a BFD diagnostic (0 to 8)", e.getMessage());
        }
    }
}
