package org.bgpmgmt.event;

import java.util.List;

/**
 * One stall the watchdog saw: a task that has held its loop longer than the watchdog threshold,
 * reported while it still runs. An immutable value; any thread.
 *
 * @param loop the loop's name
 * @param thread the loop thread's name
 * @param task the running task's accounting name (the row of {@code show event cpu})
 * @param kind the task's kind letter (R, W, A, C, T, E, X)
 * @param runningNanos how long the task had run when the watchdog saw it
 * @param stack the loop thread's stack at that moment, innermost frame first
 */
public record Stall(String loop, String thread, String task, char kind, long runningNanos,
                    List<StackTraceElement> stack) {
    /**
     * Makes the record, keeping an immutable copy of {@code stack}.
     *
     * @param loop the loop's name
     * @param thread the loop thread's name
     * @param task the task's accounting name
     * @param kind the task's kind letter
     * @param runningNanos how long it had run
     * @param stack the loop thread's stack
     */
    public Stall {
        stack = List.copyOf(stack);
    }

    /**
     * Renders the stack as a Java stack trace prints it, one {@code "\tat "} line per frame.
     *
     * @return the stack as text, ending in a newline when not empty
     */
    public String stackText() {
        final StringBuilder sb = new StringBuilder(stack.size() * 80);
        for (StackTraceElement e : stack) {
            sb.append("\tat ").append(e).append('\n');
        }
        return sb.toString();
    }
}
