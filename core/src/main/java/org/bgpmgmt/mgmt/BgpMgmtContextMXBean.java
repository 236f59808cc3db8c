package org.bgpmgmt.mgmt;

/**
 * The JMX view of one {@link BgpMgmtContext}, registered by {@link BgpMgmtContext#registerMBean()}
 * as {@code org.bgpmgmt:type=BgpMgmtContext,name=NAME}. Attributes are read on the loop thread.
 */
public interface BgpMgmtContextMXBean {
    /**
     * Returns the context's name.
     *
     * @return the name
     */
    String getName();

    /**
     * Returns where the context listens or connects.
     *
     * @return the endpoint's text form
     */
    String getEndpoint();

    /**
     * Returns the connections now up.
     *
     * @return the count
     */
    int getConnectionsUp();

    /**
     * Returns the frames read, over every connection now open.
     *
     * @return input messages
     */
    long getInputMessages();

    /**
     * Returns the messages queued for sending, over every connection now open.
     *
     * @return output messages
     */
    long getOutputMessages();

    /**
     * Returns the messages refused because an output buffer was full.
     *
     * @return output-full events
     */
    long getOutputFullEvents();

    /**
     * Returns the connections closed for breaking the protocol.
     *
     * @return protocol errors
     */
    long getProtocolErrors();

    /**
     * Returns every counter as text, as {@link BgpMgmtContext#showDistributed()} renders it.
     *
     * @return bfdd's {@code show bfd distributed}, for this context
     */
    String getDistributedView();
}
