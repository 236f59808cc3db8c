/**
 * BFD sessions over bfddp v1, FRR bfdd's distributed data-plane protocol: a catalog of a {@link
 * org.bgpmgmt.mgmt.BgpMgmtContext} built on the public catalog SPI only, like any user's catalog.
 *
 * <p>A context plays one side: {@link org.bgpmgmt.bfd.BfdControlPlane#addTo} for what bfdd does
 * (push sessions, hear their state, ask for counters), {@link org.bgpmgmt.bfd.BfdDataPlane#addTo}
 * for what a data plane does (hear sessions, report their state, answer counters). Values are
 * typed: {@link org.bgpmgmt.bfd.BfdState} and {@link org.bgpmgmt.bfd.BfdDiagnostic} are enums, a
 * {@link org.bgpmgmt.bfd.StateReport} is what a data plane reports and a {@link
 * org.bgpmgmt.bfd.SessionState} what a context knows. Operations return futures that always
 * complete; reads never wait on a stuck loop.
 */
package org.bgpmgmt.bfd;
