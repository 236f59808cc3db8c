package org.bgpmgmt.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.bgpmgmt.bfd.SessionCounters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class RecipesTest {
    @Test
    void shouldBringASessionUpWithTheReadmeRecipes() throws Exception {
        assertEquals(SessionCounters.zero(1), Recipes.both(), "a data plane with no figures answers zeros");
    }
}
