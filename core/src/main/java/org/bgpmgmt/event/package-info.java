/**
 * The event loop: one thread, one NIO selector, one-shot I/O tasks, timers, events, cross-thread
 * submission and per-task accounting, with the semantics of FRR's event library
 * ({@code lib/event.c}).
 *
 * <p>Thread model: an {@link org.bgpmgmt.event.EventLoop} is driven by one thread. Scheduling and
 * cancelling ({@code add*}, {@code cancel}, {@code cancelByArg}) are safe from any thread; tasks run
 * on the loop thread; methods marked "Loop thread only" throw when called elsewhere. This package
 * depends on JCTools and slf4j only, and on no other package of this library.
 */
package org.bgpmgmt.event;
