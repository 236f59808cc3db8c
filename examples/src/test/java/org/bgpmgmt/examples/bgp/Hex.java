package org.bgpmgmt.examples.bgp;

import java.nio.ByteBuffer;

/** Golden frames written as hex rows, one row per field of the tables in docs/bgp-catalog.md. */
final class Hex {
    private Hex() {
    }

    /** Joins the rows and parses them; spaces and "|" separate fields and are ignored. */
    static byte[] bytes(final String... rows) {
        final String hex = String.join("", rows).replace(" ", "").replace("|", "");
        if (hex.length() % 2 != 0) {
            throw new IllegalArgumentException("odd number of hex digits: " + hex);
        }
        final byte[] out = new byte[hex.length() / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
        }
        return out;
    }

    static ByteBuffer buffer(final String... rows) {
        return ByteBuffer.wrap(bytes(rows));
    }

    /** The frame's bytes from position 0 to its limit. */
    static byte[] array(final ByteBuffer frame, final int length) {
        final byte[] out = new byte[length];
        frame.get(0, out);
        return out;
    }
}
