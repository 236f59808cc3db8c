package org.bgpmgmt.transport;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSession;

/**
 * TLS over one socket, driven by the JDK's {@link SSLEngine} on the loop thread: the handshake in
 * steps that never wait ({@link #handshake()}; delegated tasks run inline, on the loop thread), then
 * records in and out under the connection's own buffers. Loop thread only.
 *
 * <p>Its three buffers are fixed at creation: records read from the socket ({@code netIn}, one
 * packet: about 16.7 KiB), records waiting for the socket ({@code netOut}, one packet), and
 * plaintext decrypted but not yet taken by the connection ({@code appIn}, one record's plaintext:
 * about 16.4 KiB). All are heap buffers: the engine's ciphers then work on arrays, and the socket
 * copies through the JDK's per-thread direct buffer, so steady state allocates no buffer.
 *
 * <p>Renegotiation is refused: TLS 1.3 has none, and under TLS 1.2 a handshake the peer starts
 * after the first fails the connection. A TLS 1.3 key update is answered.
 */
final class TlsTransport implements Transport {
    /** {@link #handshake()}: finished. */
    static final int DONE = 0;
    /** {@link #handshake()}: wants the socket to be readable. */
    static final int WANT_READ = 1;
    /** {@link #handshake()}: wants the socket to be writable. */
    static final int WANT_WRITE = 2;
    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

    private final SocketChannel channel;
    private final SSLEngine engine;
    private final ByteBuffer netIn;  // fill mode: position = bytes held
    private final ByteBuffer netOut; // fill mode
    private final ByteBuffer appIn;  // fill mode
    private boolean started;
    private boolean established;
    private boolean refuseHandshakes;
    private boolean inboundClosed;
    private boolean eof;
    private boolean partialRecord; // netIn holds less than a whole record: only the socket can help

    TlsTransport(final SocketChannel channel, final SSLEngine engine) {
        this.channel = channel;
        this.engine = engine;
        final SSLSession s = engine.getSession();
        this.netIn = ByteBuffer.allocate(s.getPacketBufferSize());
        this.netOut = ByteBuffer.allocate(s.getPacketBufferSize());
        this.appIn = ByteBuffer.allocate(s.getApplicationBufferSize());
    }

    @Override
    public SocketChannel channel() {
        return channel;
    }

    /** The engine's session, for the peer's certificate and the protocol negotiated. */
    SSLSession session() {
        return engine.getSession();
    }

    /**
     * Advances the handshake as far as the socket allows without waiting: {@link #DONE}, {@link
     * #WANT_READ} or {@link #WANT_WRITE}. A failure (bad certificate, a peer that is not TLS, a
     * close) throws, after a best-effort alert to the peer.
     */
    int handshake() throws IOException {
        try {
            if (!started) {
                started = true;
                engine.beginHandshake();
            }
            while (true) {
                if (netOut.position() > 0 && !flushNet()) {
                    return WANT_WRITE;
                }
                switch (engine.getHandshakeStatus()) {
                    case NEED_TASK -> runTasks();
                    case NEED_WRAP -> wrapHandshake();
                    case NEED_UNWRAP, NEED_UNWRAP_AGAIN -> {
                        if (!unwrapHandshake()) {
                            return WANT_READ;
                        }
                    }
                    default -> {
                        // Application data may have come in the same read as the peer's Finished:
                        // it waits in netIn, which hasBufferedInput() must report.
                        partialRecord = false;
                        established = true;
                        refuseHandshakes = "TLSv1.2".equals(engine.getSession().getProtocol());
                        return DONE;
                    }
                }
            }
        } catch (SSLException e) {
            sendAlert();
            throw e;
        }
    }

    private void runTasks() {
        Runnable task;
        while ((task = engine.getDelegatedTask()) != null) {
            task.run(); // on the loop thread, as any other task: no executor, no extra thread
        }
    }

    private void wrapHandshake() throws IOException {
        final SSLEngineResult r = engine.wrap(EMPTY, netOut);
        if (r.getStatus() == SSLEngineResult.Status.BUFFER_OVERFLOW && netOut.position() == 0) {
            throw new SSLException("a handshake record does not fit one packet buffer");
        }
        if (r.getStatus() == SSLEngineResult.Status.CLOSED && netOut.position() == 0) {
            throw new SSLException("the engine closed during the handshake");
        }
    }

    /** One unwrap, reading the socket first when no whole record is held; false: wait for input. */
    private boolean unwrapHandshake() throws IOException {
        netIn.flip();
        final SSLEngineResult r = engine.unwrap(netIn, appIn);
        netIn.compact();
        switch (r.getStatus()) {
            case OK:
                return true;
            case BUFFER_UNDERFLOW:
                if (!netIn.hasRemaining()) {
                    throw new SSLException("a record longer than the packet buffer: not a TLS peer?");
                }
                final int n = channel.read(netIn);
                if (n < 0) {
                    throw new SSLException("peer closed the connection during the handshake");
                }
                return n > 0;
            case BUFFER_OVERFLOW:
                throw new SSLException("application data during the handshake overflows its buffer");
            default:
                throw new SSLException("peer closed TLS during the handshake");
        }
    }

    /**
     * Fills {@code dst} from held plaintext, then held records, then at most one socket read; what
     * does not fit stays held and {@link #hasBufferedInput()} says so, since the socket may never
     * become readable again for bytes that already left it.
     */
    @Override
    public int read(final ByteBuffer dst) throws IOException {
        int moved = drain(dst);
        boolean socketRead = false;
        while (dst.hasRemaining()) {
            if (unwrapAll()) {
                moved += drain(dst);
                continue;
            }
            if (socketRead || eof || inboundClosed || !netIn.hasRemaining()) {
                break;
            }
            socketRead = true;
            final int n = channel.read(netIn);
            if (n < 0) {
                eof = true;
            }
            if (n <= 0) {
                break;
            }
            partialRecord = false;
        }
        return moved == 0 && (eof || inboundClosed) && appIn.position() == 0 ? -1 : moved;
    }

    /** Decrypts the whole records held while plaintext room lasts; true if any was; answers key updates. */
    private boolean unwrapAll() throws IOException {
        boolean progress = false;
        while (netIn.position() > 0 && !inboundClosed) {
            netIn.flip();
            final SSLEngineResult r = engine.unwrap(netIn, appIn);
            netIn.compact();
            final SSLEngineResult.Status status = r.getStatus();
            if (status == SSLEngineResult.Status.CLOSED) {
                inboundClosed = true; // close_notify
                return progress;
            }
            postHandshake(r.getHandshakeStatus());
            partialRecord = status == SSLEngineResult.Status.BUFFER_UNDERFLOW;
            if (status != SSLEngineResult.Status.OK || r.bytesConsumed() == 0) {
                return progress; // a partial record (underflow) or no plaintext room (overflow)
            }
            progress = true;
        }
        return progress;
    }

    /** Handles handshake messages after the first handshake: key updates yes, renegotiation no. */
    private void postHandshake(final HandshakeStatus hs) throws IOException {
        if (hs == HandshakeStatus.NOT_HANDSHAKING || hs == HandshakeStatus.FINISHED) {
            return;
        }
        if (refuseHandshakes) {
            sendAlert();
            throw new SSLException("peer started a renegotiation: refused");
        }
        HandshakeStatus s = hs;
        while (s == HandshakeStatus.NEED_TASK || s == HandshakeStatus.NEED_WRAP) {
            if (s == HandshakeStatus.NEED_TASK) {
                runTasks();
            } else {
                if (netOut.position() > 0 && !flushNet()) {
                    return; // the answer waits for room; the next write sends it
                }
                engine.wrap(EMPTY, netOut);
                flushNet();
            }
            s = engine.getHandshakeStatus();
        }
    }

    /** Copies held plaintext into {@code dst}, as much as fits. */
    private int drain(final ByteBuffer dst) {
        final int held = appIn.position();
        if (held == 0) {
            return 0;
        }
        final int n = Math.min(held, dst.remaining());
        appIn.flip();
        final int limit = appIn.limit();
        appIn.limit(n);
        dst.put(appIn);
        appIn.limit(limit);
        appIn.compact();
        return n;
    }

    @Override
    public int write(final ByteBuffer src) throws IOException {
        if (netOut.position() > 0 && !flushNet()) {
            return 0;
        }
        int taken = 0;
        while (src.hasRemaining()) {
            final SSLEngineResult r = engine.wrap(src, netOut);
            taken += r.bytesConsumed();
            if (r.getStatus() == SSLEngineResult.Status.CLOSED) {
                throw new SSLException("TLS is closed for output");
            }
            if (!flushNet() || r.bytesConsumed() == 0) {
                break; // the socket is full: the rest waits in netOut and src
            }
        }
        return taken;
    }

    /** Writes held records to the socket; true when none is left. */
    private boolean flushNet() throws IOException {
        netOut.flip();
        try {
            channel.write(netOut);
        } finally {
            netOut.compact();
        }
        return netOut.position() == 0;
    }

    @Override
    public boolean hasBufferedInput() {
        return appIn.position() > 0 || inboundClosed || netIn.position() > 0 && !partialRecord;
    }

    @Override
    public boolean hasPendingOutput() {
        return netOut.position() > 0;
    }

    /** True once the first handshake has finished. */
    boolean isEstablished() {
        return established;
    }

    /** Sends close_notify if the socket takes it now; the socket is closed next, whatever happens. */
    @Override
    public void closing() {
        engine.closeOutbound();
        sendAlert();
    }

    /** Best effort: the alert (or close_notify) the engine has queued, in one non-blocking write. */
    private void sendAlert() {
        try {
            netOut.clear();
            engine.wrap(EMPTY, netOut);
            netOut.flip();
            channel.write(netOut);
            netOut.clear();
        } catch (IOException | RuntimeException e) {
            netOut.clear(); // the peer learns it from the close instead
        }
    }
}
