package org.bgpmgmt.transport;

/**
 * How a client waits between connect attempts: {@code delayMillis} doubled per failure, capped at
 * {@code maxDelayMillis}, then spread by up to {@code jitter} either way so that clients that lost
 * one server together do not come back together. Immutable; any thread.
 *
 * @param delayMillis the first wait, positive
 * @param maxDelayMillis the longest wait
 * @param jitter the spread, a fraction of the wait in 0..1
 */
public record Backoff(long delayMillis, long maxDelayMillis, double jitter) {
}
