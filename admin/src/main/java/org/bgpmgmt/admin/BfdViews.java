package org.bgpmgmt.admin;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.bgpmgmt.bfd.BfdSession;
import org.bgpmgmt.bfd.BfdView;
import org.bgpmgmt.bfd.SessionState;
import org.bgpmgmt.mgmt.BgpMgmtContext;
import org.bgpmgmt.mgmt.ConnectionStats;
import org.bgpmgmt.mgmt.ContextStats;

/**
 * {@code show bfd distributed} from each context's figure reads and {@code show bfd peers [brief]} from each
 * BFD view's (reads that never wait on a stuck loop), laid out as bfdd lays them out. Any thread.
 */
final class BfdViews {
    private static final String BRIEF_ROW = "%-10s %-40s %-40s %-10s %s%n";
    private BfdViews() {
    }

    static String distributedText(final List<BgpMgmtContext> contexts) {
        final StringBuilder sb = new StringBuilder(1024);
        for (BgpMgmtContext c : contexts) {
            sb.append(c.showDistributed());
        }
        return sb.toString();
    }

    static String distributedJson(final List<BgpMgmtContext> contexts) {
        return Json.render(g -> {
            g.writeStartArray();
            for (BgpMgmtContext c : contexts) {
                final ContextStats s = c.stats();
                g.writeStartObject();
                g.writeStringField("name", s.name());
                g.writeStringField(s.server() ? "listen" : "connect", s.endpoint());
                g.writeNumberField("accepted", s.admissions().accepted());
                g.writeNumberField("rejected", s.admissions().rejected());
                g.writeNumberField("refusedByCredentials", s.admissions().refusedByCredentials());
                g.writeNumberField("connectFailures", s.admissions().connectFailures());
                g.writeNumberField("protocolErrors", s.closes().protocolErrors());
                g.writeNumberField("idleCloses", s.closes().idleCloses());
                g.writeNumberField("tlsFailures", s.closes().tlsFailures());
                g.writeArrayFieldStart("connections");
                for (ConnectionStats k : s.connections()) {
                    connection(g, k);
                }
                g.writeEndArray();
                g.writeEndObject();
            }
            g.writeEndArray();
        });
    }

    private static void connection(final JsonGenerator g, final ConnectionStats k) throws IOException {
        g.writeStartObject();
        g.writeStringField("peer", k.peer());
        g.writeBooleanField("up", k.up());
        g.writeNumberField("inputBytes", k.input().bytes());
        g.writeNumberField("inputBytesPeak", k.input().bufferedPeak());
        g.writeNumberField("inputMessages", k.input().messages());
        g.writeNumberField("outputBytes", k.output().bytes());
        g.writeNumberField("outputBytesPeak", k.output().bufferedPeak());
        g.writeNumberField("outputMessages", k.output().messages());
        g.writeNumberField("outputFullEvents", k.refused().outputFull());
        g.writeNumberField("protocolErrors", k.faults().protocolErrors());
        g.writeNumberField("unknownMessages", k.faults().unknownMessages());
        g.writeNumberField("pendingRequests", k.pendingRequests());
        g.writeNumberField("rows", k.rows());
        g.writeEndObject();
    }

    static String peersText(final List<BfdView> views, final boolean brief) {
        final StringBuilder sb = new StringBuilder(1024);
        int count = 0;
        for (BfdView v : views) {
            count += v.sessions().size();
        }
        if (brief) {
            sb.append("Session count: ").append(count).append('\n');
            sb.append(String.format(Locale.ROOT, BRIEF_ROW, "SessionId", "LocalAddress", "PeerAddress", "Status",
                "Interface"));
            sb.append(String.format(Locale.ROOT, BRIEF_ROW, "=========", "============", "===========", "======",
                "========="));
        } else {
            sb.append("BFD Peers:\n");
        }
        for (BfdView v : views) {
            final Map<Integer, SessionState> states = v.sessionStates();
            for (BfdSession s : v.sessions()) {
                final String status = status(states.get(s.lid()));
                if (brief) {
                    sb.append(String.format(Locale.ROOT, BRIEF_ROW, Integer.toUnsignedString(s.lid()),
                        s.source().getHostAddress(), s.destination().getHostAddress(), status, ifname(s)));
                } else {
                    peer(sb, v.context(), s, status);
                }
            }
        }
        return sb.toString();
    }

    /**
     * Returns bfdd's word for a state: {@code shutdown} (admin-down), {@code down}, {@code init}, {@code up};
     * {@code unknown} for a session the published table does not hold yet (added since its publication).
     */
    static String status(final SessionState state) {
        if (state == null) {
            return "unknown";
        }
        switch (state.state()) {
            case ADMIN_DOWN:
                return "shutdown";
            case INIT:
                return "init";
            case UP:
                return "up";
            default:
                return "down";
        }
    }

    private static void peer(final StringBuilder sb, final BgpMgmtContext c, final BfdSession s,
                             final String status) {
        sb.append("\tpeer ").append(s.destination().getHostAddress()).append(" local-address ")
            .append(s.source().getHostAddress());
        if (!ifname(s).isEmpty()) {
            sb.append(" interface ").append(ifname(s));
        }
        sb.append('\n');
        sb.append("\t\tID: ").append(Integer.toUnsignedString(s.lid())).append('\n');
        sb.append("\t\tStatus: ").append(status).append('\n');
        sb.append("\t\tContext: ").append(c.name()).append('\n');
        sb.append("\t\tDetect-multiplier: ").append(s.detectMultiplier()).append('\n');
        sb.append("\t\tReceive interval: ").append(s.minRxMicros() / 1000).append("ms\n");
        sb.append("\t\tTransmission interval: ").append(s.minTxMicros() / 1000).append("ms\n");
        sb.append("\t\tEcho receive interval: ").append(s.minEchoRxMicros() / 1000).append("ms\n");
        sb.append("\t\tEcho transmission interval: ").append(s.minEchoTxMicros() / 1000).append("ms\n\n");
    }

    private static String ifname(final BfdSession s) {
        return s.ifname() == null ? "" : s.ifname();
    }

    static String peersJson(final List<BfdView> views) {
        return Json.render(g -> {
            g.writeStartArray();
            for (BfdView v : views) {
                final Map<Integer, SessionState> states = v.sessionStates();
                for (BfdSession s : v.sessions()) {
                    g.writeStartObject();
                    g.writeStringField("peer", s.destination().getHostAddress());
                    g.writeStringField("local", s.source().getHostAddress());
                    g.writeStringField("interface", ifname(s));
                    g.writeNumberField("id", Integer.toUnsignedLong(s.lid()));
                    g.writeStringField("status", status(states.get(s.lid())));
                    g.writeStringField("context", v.context().name());
                    g.writeNumberField("detect-multiplier", s.detectMultiplier());
                    g.writeNumberField("receive-interval", s.minRxMicros() / 1000);
                    g.writeNumberField("transmit-interval", s.minTxMicros() / 1000);
                    g.writeNumberField("echo-receive-interval", s.minEchoRxMicros() / 1000);
                    g.writeNumberField("echo-transmit-interval", s.minEchoTxMicros() / 1000);
                    g.writeEndObject();
                }
            }
            g.writeEndArray();
        });
    }
}
