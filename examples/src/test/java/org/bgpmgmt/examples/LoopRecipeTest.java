package org.bgpmgmt.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class LoopRecipeTest {
    @Test
    void shouldReadEveryByteAcrossReadsAndCloseWhenThePeerDoes() throws Exception {
        try (ServerSocketChannel server = ServerSocketChannel.open()) {
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            final int total = 3 * 8192 + 17; // more than one buffer's worth: the task must re-add itself
            final CompletableFuture<Void> sent = CompletableFuture.runAsync(() -> {
                try (SocketChannel peer = SocketChannel.open(server.getLocalAddress())) {
                    final ByteBuffer bytes = ByteBuffer.allocate(total);
                    while (bytes.hasRemaining()) {
                        peer.write(bytes);
                    }
                } catch (final IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            final SocketChannel accepted = server.accept();
            final long handled = new LoopRecipe().readUntilClosed(accepted, Duration.ofSeconds(20));
            sent.get(5, TimeUnit.SECONDS);
            assertEquals(total, handled, "bytes handled before the peer closed");
            assertFalse(accepted.isOpen(), "the recipe closes its channel at end of stream");
        }
    }
}
