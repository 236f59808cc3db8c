package org.bgpmgmt.mgmt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.bgpmgmt.event.EventLoop;
import org.bgpmgmt.event.EventLoopConfig;
import org.bgpmgmt.testing.Contexts;
import org.bgpmgmt.testing.RawPeer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class MBeanTest {
    @Test
    void shouldExposeLoopAndContextFiguresOverJmxUntilClosed() throws Exception {
        final MBeanServer jmx = ManagementFactory.getPlatformMBeanServer();
        final EventLoop loop = new EventLoop(new EventLoopConfig().name("jmx-loop")).start();
        final ObjectName loopName = loop.registerMBean();
        final BgpMgmtContext server = Contexts.listen(loop, Endpoint.parse("127.0.0.1:0"),
            new BgpMgmtConfig().name("jmx-ctx"));
        final ObjectName ctxName = server.registerMBean();
        assertEquals("org.bgpmgmt:type=BgpMgmtContext,name=\"jmx-ctx\"", ctxName.toString());
        try (RawPeer peer = new RawPeer(server.endpoint())) {
            peer.write(Frames.echoRequest(1, 1));
            peer.readFrame();
            assertEquals(1L, jmx.getAttribute(ctxName, "InputMessages"));
            assertEquals(1, jmx.getAttribute(ctxName, "ConnectionsUp"));
            assertEquals(server.endpoint().toString(), jmx.getAttribute(ctxName, "Endpoint"));
            assertTrue(((String) jmx.getAttribute(ctxName, "DistributedView")).contains("Input messages: 1"));
            assertTrue((Long) jmx.getAttribute(loopName, "TasksRun") > 0);
            assertTrue(((String) jmx.getAttribute(loopName, "CpuTable")).contains("jmx-ctx_read"));
        }
        server.close();
        assertFalse(jmx.isRegistered(ctxName), "close unregisters the context");
        loop.close();
        assertFalse(jmx.isRegistered(loopName), "a stopped loop unregisters itself");
    }
}
