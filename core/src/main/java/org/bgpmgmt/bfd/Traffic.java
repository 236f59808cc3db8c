package org.bgpmgmt.bfd;

/**
 * Packets and bytes one kind of BFD packet took each way, as a data plane counts them.
 * Thread-safe: immutable.
 *
 * @param inputPackets packets received
 * @param inputBytes bytes received
 * @param outputPackets packets sent
 * @param outputBytes bytes sent
 */
public record Traffic(long inputPackets, long inputBytes, long outputPackets, long outputBytes) {
    /** Nothing counted. */
    public static final Traffic NONE = new Traffic(0, 0, 0, 0);
}
