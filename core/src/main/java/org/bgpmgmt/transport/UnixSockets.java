package org.bgpmgmt.transport;

import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/** Binding a unix domain socket so that only its owner can ever connect to it. */
final class UnixSockets {
    private UnixSockets() {
    }

    /**
     * Binds {@code server} at {@code path} with mode 0600 from the first instant: the socket is
     * bound inside a fresh 0700 directory, narrowed to 0600, then renamed into place (a rename
     * keeps the socket). A stale socket file at {@code path} (one nobody answers on) is removed
     * first; a live server's socket, or any other kind of file, is left alone and the bind fails.
     */
    static void bindOwnerOnly(final ServerSocketChannel server, final Path path, final int backlog)
        throws IOException {
        final Path target = path.toAbsolutePath();
        if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)
            || Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException("refusing to replace " + target + ": it is not a socket");
        }
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            // Stale only if nobody answers: a live server's socket is never taken over.
            try (java.nio.channels.SocketChannel probe = java.nio.channels.SocketChannel.open(
                    java.net.StandardProtocolFamily.UNIX)) {
                if (probe.connect(UnixDomainSocketAddress.of(target))) {
                    throw new java.net.BindException(target + " is in use by a live server");
                }
            } catch (java.net.ConnectException stale) {
                Files.deleteIfExists(target);
            }
        }
        final Path dir = Files.createTempDirectory(target.getParent(), ".bgpmgmt-",
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        final Path staging = dir.resolve("s");
        try {
            server.bind(UnixDomainSocketAddress.of(staging), backlog);
            Files.setPosixFilePermissions(staging, PosixFilePermissions.fromString("rw-------"));
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(staging);
            Files.deleteIfExists(dir);
        }
    }
}
