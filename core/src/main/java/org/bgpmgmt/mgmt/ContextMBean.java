package org.bgpmgmt.mgmt;

/** The {@link BgpMgmtContextMXBean} of one context, read from {@link BgpMgmtContext#stats()}. */
final class ContextMBean implements BgpMgmtContextMXBean {
    private final BgpMgmtContext context;

    ContextMBean(final BgpMgmtContext context) {
        this.context = context;
    }

    @Override
    public String getName() {
        return context.name();
    }

    @Override
    public String getEndpoint() {
        return context.endpoint().toString();
    }

    @Override
    public int getConnectionsUp() {
        int up = 0;
        for (ConnectionStats c : context.stats().connections()) {
            up += c.up() ? 1 : 0;
        }
        return up;
    }

    @Override
    public long getInputMessages() {
        long n = 0;
        for (ConnectionStats c : context.stats().connections()) {
            n += c.input().messages();
        }
        return n;
    }

    @Override
    public long getOutputMessages() {
        long n = 0;
        for (ConnectionStats c : context.stats().connections()) {
            n += c.output().messages();
        }
        return n;
    }

    @Override
    public long getOutputFullEvents() {
        long n = 0;
        for (ConnectionStats c : context.stats().connections()) {
            n += c.refused().outputFull();
        }
        return n;
    }

    @Override
    public long getProtocolErrors() {
        return context.stats().closes().protocolErrors();
    }

    @Override
    public String getDistributedView() {
        return context.showDistributed();
    }
}
