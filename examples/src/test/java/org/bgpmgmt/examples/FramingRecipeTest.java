package org.bgpmgmt.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class FramingRecipeTest {
    @Test
    void shouldHandBothPeerUpsWholeToTheHandler() throws Exception {
        assertEquals(40 + 70_006, FramingRecipe.run(), "both frames, cut by BMP's 4-byte length");
    }
}
