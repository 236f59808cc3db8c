package org.bgpmgmt.mgmt;

/** Renders a context's counters as text, in the manner of bfdd's {@code show bfd distributed}. */
final class DistributedView {
    private DistributedView() {
    }

    static String render(final ContextStats s) {
        final StringBuilder sb = new StringBuilder(512);
        sb.append("BgpMgmt ").append(s.name()).append(s.server() ? ": listening on " : ": connecting to ").append(s.endpoint())
            .append('\n');
        if (s.server()) {
            sb.append("    Accepted connections: ").append(s.accepted()).append('\n');
            sb.append("    Refused connections (limit): ").append(s.rejected()).append('\n');
            sb.append("    Refused connections (credentials): ").append(s.refusedByCredentials()).append('\n');
        } else {
            sb.append("    Failed connects: ").append(s.connectFailures()).append('\n');
        }
        sb.append("    Protocol errors: ").append(s.protocolErrors()).append('\n');
        sb.append("    Idle closes: ").append(s.idleCloses()).append('\n');
        sb.append("    TLS failures: ").append(s.tlsFailures()).append('\n');
        sb.append('\n');
        for (ConnectionStats c : s.connections()) {
            sb.append("Data plane connection ").append(c.peer()).append(c.up() ? " (up)" : " (down)").append('\n');
            line(sb, "Input bytes", c.inputBytes());
            line(sb, "Input bytes peak", c.inputBytesPeak());
            line(sb, "Input messages", c.inputMessages());
            line(sb, "Input current usage", c.inputUsage());
            line(sb, "Output bytes", c.outputBytes());
            line(sb, "Output bytes peak", c.outputBytesPeak());
            line(sb, "Output messages", c.outputMessages());
            line(sb, "Output full events", c.outputFullEvents());
            line(sb, "Output current usage", c.outputUsage());
            line(sb, "Unknown messages", c.unknownMessages());
            line(sb, "Unknown replies", c.unknownReplies());
            line(sb, "Pending requests", c.pendingRequests());
            line(sb, "Refused requests", c.refusedRequests());
            line(sb, "Idle closes", c.idleCloses());
            line(sb, "Sessions", c.sessions());
            sb.append('\n');
        }
        return sb.toString();
    }

    private static void line(final StringBuilder sb, final String label, final long value) {
        sb.append("    ").append(label).append(": ").append(value).append('\n');
    }
}
