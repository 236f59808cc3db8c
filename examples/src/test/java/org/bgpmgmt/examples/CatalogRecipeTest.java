package org.bgpmgmt.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.bgpmgmt.examples.bgp.PeerCounters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class CatalogRecipeTest {
    @Test
    void shouldEstablishPeerOneAndAnswerItsCounters() throws Exception {
        assertEquals(new PeerCounters(1, 100, 90, 40, 30, 1000, 998, 1), CatalogRecipe.run(),
            "the counters the data plane set when it received the peer");
    }
}
