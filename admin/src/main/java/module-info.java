/**
 * bgpmgmt-admin: an opt-in admin endpoint that serves a daemon's loops and contexts on a unix
 * socket (or TCP on loopback) and answers FRR's show commands as text or JSON, from its own
 * threads, so it answers while a loop is stuck ({@link org.bgpmgmt.admin.AdminServer}).
 */
module org.bgpmgmt.admin {
    requires transitive org.bgpmgmt.core;
    requires com.fasterxml.jackson.core;
    requires jdk.net;
    requires org.slf4j;

    exports org.bgpmgmt.admin;
}
