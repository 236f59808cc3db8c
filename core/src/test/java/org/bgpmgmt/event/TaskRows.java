package org.bgpmgmt.event;

/** Finds a row of a loop's CPU table by name, failing with the whole table when it is missing. */
final class TaskRows {
    private TaskRows() {
    }

    static TaskStats row(final EventLoop loop, final String name) {
        return loop.taskStats().stream().filter(s -> s.name().equals(name)).findFirst()
            .orElseThrow(() -> new AssertionError("no row " + name + " in " + loop.taskStats()));
    }
}
