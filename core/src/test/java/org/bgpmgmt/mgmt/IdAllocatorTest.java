package org.bgpmgmt.mgmt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

class IdAllocatorTest {
    @Test
    void shouldWrapAt16BitsAndNeverHandOutZero() {
        final IdAllocator ids = new IdAllocator();
        assertEquals(1, ids.next());
        for (int i = 2; i <= 0xFFFF; i++) {
            assertEquals(i, ids.next());
        }
        assertEquals(1, ids.next(), "wraps past 65535 to 1, skipping 0");
        for (int i = 0; i < 200_000; i++) {
            assertNotEquals(0, ids.next());
        }
        ids.reset();
        assertEquals(1, ids.next());
    }
}
