package org.bgpmgmt.mgmt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class EndpointTest {
    @Test
    void shouldParseTheThreeForms() {
        assertEquals("127.0.0.1:50700", Endpoint.parse("127.0.0.1:50700").toString());
        assertEquals("[0:0:0:0:0:0:0:1]:50700", Endpoint.parse("[::1]:50700").toString());
        final Endpoint unix = Endpoint.parse("unix:/run/bgpmgmt.sock");
        assertTrue(unix.isUnix());
        assertEquals(Path.of("/run/bgpmgmt.sock"), unix.path());
        assertEquals("unix:/run/bgpmgmt.sock", unix.toString());
        assertEquals(Endpoint.parse("unix:/x"), Endpoint.unix(Path.of("/x")));
    }

    @Test
    void shouldExplainWhatIsWrongWithBadText() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Endpoint.parse("::1:80")).getMessage()
            .contains("brackets"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Endpoint.parse("localhost")).getMessage()
            .contains("HOST:PORT"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Endpoint.parse("1.2.3.4:http")).getMessage()
            .contains("not a number"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Endpoint.parse("1.2.3.4:70000")).getMessage()
            .contains("70000"));
        assertThrows(IllegalArgumentException.class, () -> Endpoint.parse("unix:"));
    }
}
