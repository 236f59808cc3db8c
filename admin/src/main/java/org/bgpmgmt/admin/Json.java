package org.bgpmgmt.admin;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/**
 * Writes one JSON answer with jackson-core's streaming writer, pretty-printed as FRR's {@code json}
 * commands print. Not thread-safe; one per answer.
 */
final class Json {
    private static final JsonFactory FACTORY = new JsonFactory();

    /** One JSON document, written by the caller through the generator. */
    @FunctionalInterface
    interface Body {
        void write(JsonGenerator g) throws IOException;
    }

    private Json() {
    }

    static String render(final Body body) {
        final StringWriter out = new StringWriter(512);
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.useDefaultPrettyPrinter();
            body.write(g);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return out.append('\n').toString();
    }
}
