package org.bgpmgmt.mgmt;

import java.lang.management.ManagementFactory;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/** Registering and unregistering this library's MXBeans in the platform MBean server. */
final class MBeans {
    private MBeans() {
    }

    static ObjectName register(final Object bean, final String type, final String name) {
        try {
            final ObjectName on = new ObjectName("org.bgpmgmt:type=" + type + ",name=" + ObjectName.quote(name));
            final MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            if (server.isRegistered(on)) {
                server.unregisterMBean(on);
            }
            server.registerMBean(bean, on);
            return on;
        } catch (JMException e) {
            throw new IllegalStateException("cannot register the " + type + " MBean of " + name, e);
        }
    }

    static void unregister(final ObjectName on) {
        if (on == null) {
            return;
        }
        try {
            ManagementFactory.getPlatformMBeanServer().unregisterMBean(on);
        } catch (JMException e) {
            // already gone
        }
    }
}
