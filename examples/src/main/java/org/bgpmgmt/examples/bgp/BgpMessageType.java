package org.bgpmgmt.examples.bgp;

import org.bgpmgmt.wire.Header;
import org.bgpmgmt.wire.MessageType;

/**
 * Type numbers and fixed frame lengths of the BGP peer catalog, which rides the bfddp v1 header
 * in the user range that starts at {@link MessageType#FIRST_USER_TYPE}. See {@code
 * docs/bgp-catalog.md} for every byte.
 *
 * <p>Every length is a whole frame in bytes, header included, and a multiple of 8.
 *
 * <p>Thread-safe: immutable.
 */
public final class BgpMessageType {

    /** Type 0x0100: the control plane adds or updates a peer. */
    public static final int PEER_ADD = MessageType.FIRST_USER_TYPE;

    /** Type 0x0101: the control plane deletes a peer. */
    public static final int PEER_DELETE = PEER_ADD + 1;

    /** Type 0x0102: the data plane reports a peer's RFC 4271 FSM state. */
    public static final int PEER_STATE = PEER_ADD + 2;

    /** Type 0x0103: the control plane asks for a peer's counters (id never 0). */
    public static final int PEER_COUNTERS_REQUEST = PEER_ADD + 3;

    /** Type 0x0104: the data plane answers {@link #PEER_COUNTERS_REQUEST} with the same id. */
    public static final int PEER_COUNTERS_REPLY = PEER_ADD + 4;

    /**
     * Type 0x0105: the control plane has sent every peer it attached to this connection; the data
     * plane drops the peers it kept from a lost connection and did not get again.
     */
    public static final int PEER_SYNC_END = PEER_ADD + 5;

    /** The first type number of the catalog. */
    public static final int FIRST = PEER_ADD;

    /** The last type number this version of the catalog defines. */
    public static final int LAST = PEER_SYNC_END;

    /**
     * The last type number reserved for the catalog; 0x0106 up to here are never sent today, and a
     * catalog that receives one closes the connection with a protocol error.
     */
    public static final int LAST_RESERVED = 0x01FF;

    /** Frame length in bytes of {@link #PEER_ADD}. */
    public static final int PEER_ADD_LENGTH = 128;

    /** Frame length in bytes of {@link #PEER_DELETE} and {@link #PEER_COUNTERS_REQUEST}. */
    public static final int PEER_KEY_LENGTH = 16;

    /** Frame length in bytes of {@link #PEER_STATE}. */
    public static final int PEER_STATE_LENGTH = 24;

    /** Frame length in bytes of {@link #PEER_COUNTERS_REPLY}. */
    public static final int PEER_COUNTERS_LENGTH = 72;

    /** Frame length in bytes of {@link #PEER_SYNC_END}. */
    public static final int PEER_SYNC_END_LENGTH = 16;

    private static final String[] NAMES = {
        "PEER_ADD", "PEER_DELETE", "PEER_STATE", "PEER_COUNTERS_REQUEST", "PEER_COUNTERS_REPLY", "PEER_SYNC_END",
    };

    private static final int[] LENGTHS = {
        PEER_ADD_LENGTH, PEER_KEY_LENGTH, PEER_STATE_LENGTH, PEER_KEY_LENGTH, PEER_COUNTERS_LENGTH,
        PEER_SYNC_END_LENGTH,
    };

    private BgpMessageType() {}

    /**
     * Returns whether {@code type} is one this version of the catalog defines (0x0100..0x0105).
     * Any thread.
     *
     * @param type a type number
     * @return true for 0x0100..0x0105
     */
    public static boolean isCatalogType(int type) {
        return type >= FIRST && type <= LAST;
    }

    /**
     * Returns the constant name of catalog {@code type} (no allocation), or null for others. Any thread.
     *
     * @param type a type number
     * @return the name, or null
     */
    public static String name(int type) {
        return isCatalogType(type) ? NAMES[type - FIRST] : null;
    }

    /**
     * Returns the fixed frame length of catalog {@code type}, header included, or -1 for others. Any thread.
     *
     * @param type a type number
     * @return the frame length in bytes, or -1
     */
    public static int fixedLength(int type) {
        return isCatalogType(type) ? LENGTHS[type - FIRST] : -1;
    }

    /**
     * Returns the payload length (after the 8-byte header) of catalog {@code type}, the minimum
     * registered for it, or -1 for others. Any thread.
     *
     * @param type a type number
     * @return the payload length in bytes, or -1
     */
    public static int payloadLength(int type) {
        return isCatalogType(type) ? LENGTHS[type - FIRST] - Header.HEADER_LENGTH : -1;
    }
}
