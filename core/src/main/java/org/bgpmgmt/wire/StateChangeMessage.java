package org.bgpmgmt.wire;

import java.nio.ByteBuffer;

/**
 * Flyweight over a state change (type 4, 36 bytes): the data plane tells bfdd a session's new
 * local state and what it last heard from the remote system.
 *
 * <p>The state and the diagnostic are the wire codes of {@code org.bgpmgmt.bfd.BfdState} and
 * {@code org.bgpmgmt.bfd.BfdDiagnostic} (this package stays on the JDK alone), the remote flags bits of
 * {@link RemoteFlags}. The byte after detection_multiplier is padding. See
 * {@link MessageFlyweight} for wrapping and encoding rules.
 *
 * <p>Not thread-safe.
 */
public final class StateChangeMessage extends MessageFlyweight<StateChangeMessage> {

    private static final int LID_OFFSET = 0;
    private static final int RID_OFFSET = 4;
    private static final int REMOTE_FLAGS_OFFSET = 8;
    private static final int DESIRED_TX_OFFSET = 12;
    private static final int REQUIRED_RX_OFFSET = 16;
    private static final int REQUIRED_ECHO_RX_OFFSET = 20;
    private static final int STATE_OFFSET = 24;
    private static final int DIAGNOSTICS_OFFSET = 25;
    private static final int DETECTION_MULTIPLIER_OFFSET = 26;

    /** Creates a state change flyweight that wraps nothing yet. */
    public StateChangeMessage() {
        super(MessageType.STATE_CHANGE_LENGTH);
    }

    /**
     * Starts a {@link MessageType#BFD_STATE_CHANGE} at {@code offset}: header written, every
     * payload byte zero (state ADMIN_DOWN); returns this.
     *
     * @param buffer the big-endian buffer to write into
     * @param offset the absolute index of the frame's first header byte
     * @param id the message id, 0..65535 (0 = unsolicited)
     * @return this flyweight, wrapping the new frame, for chaining
     * @throws IllegalArgumentException if id is not 0..65535 or the buffer is not big-endian
     * @throws IndexOutOfBoundsException if 36 bytes do not fit below the buffer's limit
     */
    public StateChangeMessage encode(ByteBuffer buffer, int offset, int id) {
        return encodeZeroed(buffer, offset, MessageType.BFD_STATE_CHANGE, id);
    }

    /**
     * Returns the local discriminator as raw 32 bits (unsigned on the wire).
     *
     * @return the local discriminator as raw 32 bits
     */
    public int lid() {
        return int32(LID_OFFSET);
    }

    /**
     * Sets the local discriminator (raw 32 bits, unsigned on the wire); returns this.
     *
     * @param lid the local discriminator as raw 32 bits
     * @return this flyweight, for chaining
     */
    public StateChangeMessage lid(int lid) {
        int32(LID_OFFSET, lid);
        return this;
    }

    /**
     * Returns the remote discriminator as raw 32 bits (unsigned on the wire).
     *
     * @return the remote discriminator as raw 32 bits
     */
    public int rid() {
        return int32(RID_OFFSET);
    }

    /**
     * Sets the remote discriminator (raw 32 bits, unsigned on the wire); returns this.
     *
     * @param rid the remote discriminator as raw 32 bits
     * @return this flyweight, for chaining
     */
    public StateChangeMessage rid(int rid) {
        int32(RID_OFFSET, rid);
        return this;
    }

    /**
     * Returns the remote's flags, a combination of {@link RemoteFlags} bits.
     *
     * @return the remote flags as raw 32 bits
     */
    public int remoteFlags() {
        return int32(REMOTE_FLAGS_OFFSET);
    }

    /**
     * Sets the remote's flags ({@link RemoteFlags} bits); returns this.
     *
     * @param flags the remote flags as raw 32 bits
     * @return this flyweight, for chaining
     */
    public StateChangeMessage remoteFlags(int flags) {
        int32(REMOTE_FLAGS_OFFSET, flags);
        return this;
    }

    /**
     * Returns the remote's desired minimum transmit interval in µs, 0..4294967295.
     *
     * @return the interval in µs, 0..4294967295
     */
    public long desiredTx() {
        return u32(DESIRED_TX_OFFSET);
    }

    /**
     * Sets the remote's desired minimum transmit interval in µs; returns this.
     *
     * @param micros the interval in µs, 0..4294967295
     * @return this flyweight, for chaining
     * @throws IllegalArgumentException if micros is not 0..4294967295
     */
    public StateChangeMessage desiredTx(long micros) {
        u32(DESIRED_TX_OFFSET, micros, "desiredTx");
        return this;
    }

    /**
     * Returns the remote's required minimum receive interval in µs, 0..4294967295.
     *
     * @return the interval in µs, 0..4294967295
     */
    public long requiredRx() {
        return u32(REQUIRED_RX_OFFSET);
    }

    /**
     * Sets the remote's required minimum receive interval in µs; returns this.
     *
     * @param micros the interval in µs, 0..4294967295
     * @return this flyweight, for chaining
     * @throws IllegalArgumentException if micros is not 0..4294967295
     */
    public StateChangeMessage requiredRx(long micros) {
        u32(REQUIRED_RX_OFFSET, micros, "requiredRx");
        return this;
    }

    /**
     * Returns the remote's required minimum echo receive interval in µs, 0..4294967295.
     *
     * @return the interval in µs, 0..4294967295
     */
    public long requiredEchoRx() {
        return u32(REQUIRED_ECHO_RX_OFFSET);
    }

    /**
     * Sets the remote's required minimum echo receive interval in µs; returns this.
     *
     * @param micros the interval in µs, 0..4294967295
     * @return this flyweight, for chaining
     * @throws IllegalArgumentException if micros is not 0..4294967295
     */
    public StateChangeMessage requiredEchoRx(long micros) {
        u32(REQUIRED_ECHO_RX_OFFSET, micros, "requiredEchoRx");
        return this;
    }

    /**
     * Returns the local session state as the data plane decided it, a {@code org.bgpmgmt.bfd.BfdState} value.
     *
     * @return the state, 0..255
     */
    public int state() {
        return u8(STATE_OFFSET);
    }

    /**
     * Sets the local session state (a {@code org.bgpmgmt.bfd.BfdState} value, 0..255 accepted); returns this.
     *
     * @param state the state, 0..255
     * @return this flyweight, for chaining
     * @throws IllegalArgumentException if state is not 0..255
     */
    public StateChangeMessage state(int state) {
        u8(STATE_OFFSET, state, "state");
        return this;
    }

    /**
     * Returns the diagnostic code, a {@code org.bgpmgmt.bfd.BfdDiagnostic} value.
     *
     * @return the diagnostic code, 0..255
     */
    public int diagnostics() {
        return u8(DIAGNOSTICS_OFFSET);
    }

    /**
     * Sets the diagnostic code (a {@code org.bgpmgmt.bfd.BfdDiagnostic} value, 0..255 accepted); returns this.
     *
     * @param code the diagnostic code, 0..255
     * @return this flyweight, for chaining
     * @throws IllegalArgumentException if code is not 0..255
     */
    public StateChangeMessage diagnostics(int code) {
        u8(DIAGNOSTICS_OFFSET, code, "diagnostics");
        return this;
    }

    /**
     * Returns the remote's detection multiplier, 0..255.
     *
     * @return the detection multiplier, 0..255
     */
    public int detectionMultiplier() {
        return u8(DETECTION_MULTIPLIER_OFFSET);
    }

    /**
     * Sets the remote's detection multiplier; returns this.
     *
     * @param multiplier the detection multiplier, 0..255
     * @return this flyweight, for chaining
     * @throws IllegalArgumentException if multiplier is not 0..255
     */
    public StateChangeMessage detectionMultiplier(int multiplier) {
        u8(DETECTION_MULTIPLIER_OFFSET, multiplier, "detectionMultiplier");
        return this;
    }
}
