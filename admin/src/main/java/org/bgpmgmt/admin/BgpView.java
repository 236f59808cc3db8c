package org.bgpmgmt.admin;

import java.util.List;
import java.util.Locale;
import org.bgpmgmt.bgp.BgpPeer;
import org.bgpmgmt.bgp.BgpPeerCatalog;

/** {@code show bgp peers}: the BGP peer catalogs' tables, from reads that never wait on a stuck loop. Any thread. */
final class BgpView {
    private static final String ROW = "%-40s %-40s %10s %10s %5s %5s %-8s %s%n";

    private BgpView() {
    }

    static String text(final List<BgpPeerCatalog> catalogs) {
        final StringBuilder sb = new StringBuilder(1024);
        int count = 0;
        for (BgpPeerCatalog c : catalogs) {
            count += c.peers().size();
        }
        sb.append("BGP peer count: ").append(count).append('\n');
        sb.append(String.format(Locale.ROOT, ROW, "Neighbor", "LocalAddress", "RemoteAS", "LocalAS", "Hold",
            "Keep", "Admin", "Description"));
        for (BgpPeerCatalog c : catalogs) {
            for (BgpPeer p : c.peers()) {
                sb.append(String.format(Locale.ROOT, ROW, p.peerAddress().getHostAddress(),
                    p.localAddress().getHostAddress(), p.remoteAs(), p.localAs(), p.holdTimeSeconds(),
                    p.keepaliveSeconds(), p.isShutdown() ? "shutdown" : "up", p.description()));
            }
        }
        return sb.toString();
    }

    static String json(final List<BgpPeerCatalog> catalogs) {
        return Json.render(g -> {
            g.writeStartObject();
            g.writeObjectFieldStart("peers");
            for (BgpPeerCatalog c : catalogs) {
                for (BgpPeer p : c.peers()) {
                    g.writeObjectFieldStart(p.peerAddress().getHostAddress());
                    g.writeNumberField("key", Integer.toUnsignedLong(p.key()));
                    g.writeStringField("localAddress", p.localAddress().getHostAddress());
                    g.writeNumberField("remoteAs", p.remoteAs());
                    g.writeNumberField("localAs", p.localAs());
                    g.writeNumberField("holdTime", p.holdTimeSeconds());
                    g.writeNumberField("keepalive", p.keepaliveSeconds());
                    g.writeBooleanField("passive", p.isPassive());
                    g.writeBooleanField("shutdown", p.isShutdown());
                    g.writeStringField("description", p.description());
                    g.writeEndObject();
                }
            }
            g.writeEndObject();
            g.writeEndObject();
        });
    }
}
