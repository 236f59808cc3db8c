/**
 * Micrometer metrics for bgpmgmt: {@link org.bgpmgmt.micrometer.BgpMgmtMetrics} binds the gauges,
 * counters and per-task timers of loops and contexts to a registry. Every meter reads figures that
 * never wait on a loop, so a scrape answers while a task holds a loop. Any thread.
 */
package org.bgpmgmt.micrometer;
