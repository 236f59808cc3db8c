package org.bgpmgmt.mgmt;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Where a context listens or connects: a TCP address (IPv4 or IPv6) or a unix domain socket path.
 * Immutable; any thread.
 *
 * <p>Text forms, as the examples' command lines take them: {@code HOST:PORT}, {@code [IPV6]:PORT},
 * {@code unix:PATH}.
 */
public final class Endpoint {
    private final SocketAddress address;

    private Endpoint(final SocketAddress address) {
        this.address = address;
    }

    /**
     * Returns the endpoint for a TCP address.
     *
     * @param address host and port; must be resolved
     * @return the endpoint
     */
    public static Endpoint tcp(final InetSocketAddress address) {
        Objects.requireNonNull(address, "address");
        if (address.isUnresolved()) {
            throw new IllegalArgumentException("unresolved address: " + address);
        }
        return new Endpoint(address);
    }

    /**
     * Returns the endpoint for a TCP address.
     *
     * @param host an IP address or host name
     * @param port 0..65535 (0 lets a server pick a free port)
     * @return the endpoint
     * @throws IllegalArgumentException when the host does not resolve or the port is out of range
     */
    public static Endpoint tcp(final String host, final int port) {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port out of 0..65535: " + port);
        }
        try {
            return tcp(new InetSocketAddress(InetAddress.getByName(host), port));
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("unknown host: " + host, e);
        }
    }

    /**
     * Returns the endpoint for a unix domain socket.
     *
     * @param path the socket file
     * @return the endpoint
     */
    public static Endpoint unix(final Path path) {
        return new Endpoint(UnixDomainSocketAddress.of(Objects.requireNonNull(path, "path")));
    }

    /**
     * Parses {@code HOST:PORT}, {@code [IPV6]:PORT} or {@code unix:PATH}.
     *
     * @param text the text form
     * @return the endpoint
     * @throws IllegalArgumentException naming the text when it is not one of the forms
     */
    public static Endpoint parse(final String text) {
        Objects.requireNonNull(text, "text");
        if (text.startsWith("unix:")) {
            final String path = text.substring(5);
            if (path.isEmpty()) {
                throw new IllegalArgumentException("unix: needs a path: " + text);
            }
            return unix(Path.of(path));
        }
        final int colon = text.lastIndexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            throw new IllegalArgumentException("expected HOST:PORT, [IPV6]:PORT or unix:PATH, got: " + text);
        }
        String host = text.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        } else if (host.indexOf(':') >= 0) {
            throw new IllegalArgumentException("an IPv6 address needs brackets, [ADDR]:PORT: " + text);
        }
        final int port;
        try {
            port = Integer.parseInt(text.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("port is not a number: " + text, e);
        }
        return tcp(host, port);
    }

    /**
     * Returns the socket address.
     *
     * @return an {@link InetSocketAddress} or a {@link UnixDomainSocketAddress}
     */
    public SocketAddress address() {
        return address;
    }

    /**
     * Tells whether this is a unix domain socket.
     *
     * @return true for {@code unix:PATH}
     */
    public boolean isUnix() {
        return address instanceof UnixDomainSocketAddress;
    }

    /**
     * Returns the socket file of a unix endpoint.
     *
     * @return the path, or null for TCP
     */
    public Path path() {
        return isUnix() ? ((UnixDomainSocketAddress) address).getPath() : null;
    }

    /**
     * Returns whether {@code o} is an endpoint with an equal socket address.
     *
     * @param o the object to compare with, may be null
     * @return true if o is an equal {@link Endpoint}
     */
    @Override
    public boolean equals(final Object o) {
        return o instanceof Endpoint && ((Endpoint) o).address.equals(address);
    }

    /**
     * Returns the socket address's hash code, consistent with {@link #equals(Object)}.
     *
     * @return the hash code
     */
    @Override
    public int hashCode() {
        return address.hashCode();
    }

    /**
     * Returns the text form accepted by {@link #parse}.
     *
     * @return {@code "unix:"} and the path, or host and port, an IPv6 host in brackets
     */
    @Override
    public String toString() {
        if (isUnix()) {
            return "unix:" + path();
        }
        final InetSocketAddress a = (InetSocketAddress) address;
        final String host = a.getAddress().getHostAddress();
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + a.getPort();
    }
}
