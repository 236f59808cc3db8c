/**
 * The admin endpoint: {@link org.bgpmgmt.admin.AdminServer} serves FRR's show commands over a
 * line protocol on a unix socket (owner-only, with a uid allow-list) or TCP on loopback;
 * {@link org.bgpmgmt.admin.AdminClient} sends one command and returns the answer.
 *
 * <p><b>Threads.</b> The server runs on its own threads (one accepting, one per admin session),
 * never on the loops it reports; it reads only figures that never wait on a loop, so it answers
 * while a task holds a loop. Public types state their own thread rule.
 */
package org.bgpmgmt.admin;
