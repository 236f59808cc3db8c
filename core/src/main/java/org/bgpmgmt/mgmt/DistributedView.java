package org.bgpmgmt.mgmt;

/** Renders a context's counters as text, in the manner of bfdd's {@code show bfd distributed}. */
final class DistributedView {
    private DistributedView() {
    }

    static String render(final ContextStats s) {
        final StringBuilder sb = new StringBuilder(512);
        sb.append("BgpMgmt ").append(s.name()).append(s.server() ? ": listening on " : ": connecting to ")
            .append(s.endpoint()).append('\n');
        if (s.server()) {
            sb.append("    Accepted connections: ").append(s.admissions().accepted()).append('\n');
            sb.append("    Refused connections (limit): ").append(s.admissions().rejected()).append('\n');
            sb.append("    Refused connections (credentials): ").append(s.admissions().refusedByCredentials())
                .append('\n');
        } else {
            sb.append("    Failed connects: ").append(s.admissions().connectFailures()).append('\n');
        }
        sb.append("    Protocol errors: ").append(s.closes().protocolErrors()).append('\n');
        sb.append("    Idle closes: ").append(s.closes().idleCloses()).append('\n');
        sb.append("    TLS failures: ").append(s.closes().tlsFailures()).append('\n');
        sb.append('\n');
        for (ConnectionStats c : s.connections()) {
            sb.append("Data plane connection ").append(c.peer()).append(c.up() ? " (up)" : " (down)").append('\n');
            flow(sb, "Input", c.input());
            line(sb, "Input current usage", c.input().buffered());
            flow(sb, "Output", c.output());
            line(sb, "Output full events", c.refused().outputFull());
            line(sb, "Output current usage", c.output().buffered());
            line(sb, "Unknown messages", c.faults().unknownMessages());
            line(sb, "Unknown replies", c.faults().unknownReplies());
            line(sb, "Pending requests", c.pendingRequests());
            line(sb, "Refused requests", c.refused().requests());
            line(sb, "Idle closes", c.faults().idleCloses());
            line(sb, "Catalog rows", c.rows());
            sb.append('\n');
        }
        return sb.toString();
    }

    /** bfdd's three lines of a direction, in its order: bytes, bytes peak, messages. */
    private static void flow(final StringBuilder sb, final String direction, final ConnectionStats.Flow f) {
        line(sb, direction + " bytes", f.bytes());
        line(sb, direction + " bytes peak", f.bufferedPeak());
        line(sb, direction + " messages", f.messages());
    }

    private static void line(final StringBuilder sb, final String label, final long value) {
        sb.append("    ").append(label).append(": ").append(value).append('\n');
    }
}
