package org.bgpmgmt.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.bgpmgmt.bfd.SessionCounters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class ContextRecipeTest {
    @Test
    void shouldBringSessionOneUpAndAnswerItsCounters() throws Exception {
        assertEquals(SessionCounters.zero(1), ContextRecipe.run(), "a data plane with no figures answers zeros");
    }
}
