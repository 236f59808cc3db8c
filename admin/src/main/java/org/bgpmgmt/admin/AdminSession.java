package org.bgpmgmt.admin;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One admin connection on its own thread: reads command lines and writes each answer followed by
 * a NUL byte (the line protocol of {@link AdminServer}). A line over the length bound is answered
 * with an error and skipped; the connection stays open until the peer closes it. Not thread-safe.
 */
final class AdminSession implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(AdminServer.class);

    private final ByteChannel channel;
    private final Commands commands;
    private final int maxLine;
    private final Runnable onEnd;

    AdminSession(final ByteChannel channel, final Commands commands, final int maxLine, final Runnable onEnd) {
        this.channel = channel;
        this.commands = commands;
        this.maxLine = maxLine;
        this.onEnd = onEnd;
    }

    @Override
    public void run() {
        final ByteBuffer in = ByteBuffer.allocate(4096);
        final byte[] line = new byte[maxLine];
        int length = 0;
        boolean tooLong = false;
        try (channel) {
            while (channel.read(in.clear()) >= 0) {
                in.flip();
                while (in.hasRemaining()) {
                    final byte b = in.get();
                    if (b == '\n') {
                        answer(tooLong ? null : new String(line, 0, length, StandardCharsets.UTF_8));
                        length = 0;
                        tooLong = false;
                    } else if (b != '\r' && length < maxLine) {
                        line[length++] = b;
                    } else if (b != '\r') {
                        tooLong = true;
                    }
                }
            }
        } catch (IOException e) {
            LOG.debug("admin session ended: {}", e.toString());
        } finally {
            onEnd.run();
        }
    }

    private void answer(final String line) throws IOException {
        String text;
        if (line == null) {
            text = "% Command too long (at most " + maxLine + " bytes)\n";
        } else {
            try {
                text = commands.answer(line);
            } catch (RuntimeException e) {
                LOG.warn("admin command {} failed", line, e);
                text = "% Command failed: " + e + "\n";
            }
        }
        final byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        final ByteBuffer out = ByteBuffer.allocate(bytes.length + 1).put(bytes).put((byte) 0).flip();
        while (out.hasRemaining()) {
            channel.write(out);
        }
    }
}
