package org.bgpmgmt.event;

import java.util.Objects;

/**
 * Work the loop runs once: an I/O callback, a timer, an event (FRR's callback function).
 *
 * <p>A task runs on the loop thread and receives the handle it was scheduled with, from which it
 * reads {@link TaskHandle#arg()}, {@link TaskHandle#value()} and {@link TaskHandle#channel()}. To
 * run again it adds itself again. It may throw: the loop logs the exception with the task's name,
 * counts it, and goes on.
 */
@FunctionalInterface
public interface Task {
    /**
     * Runs the task. Loop thread only.
     *
     * @param self the handle this run was scheduled with (for a task added without a handle, a
     *     loop-owned handle valid only during this run)
     * @throws Exception any failure; logged and counted by the loop
     */
    void run(TaskHandle self) throws Exception;

    /**
     * Returns the name this task is accounted under when its handle has none. The default is
     * readable and stable: the class's simple name, or "lambda in Enclosing" for a lambda.
     *
     * @return the accounting name
     */
    default String name() {
        return TaskNames.defaultName(getClass());
    }

    /**
     * Returns a task that runs {@code task} and is accounted as {@code name}. Create it once and
     * keep it in a field: each call allocates.
     *
     * @param name the accounting name, e.g. {@code "bfd_dplane_read"}
     * @param task the work
     * @return the named task
     */
    static Task named(final String name, final Task task) {
        Objects.requireNonNull(task, "task");
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("name must not be null or empty: " + name);
        }
        return new Task() {
            @Override
            public void run(final TaskHandle self) throws Exception {
                task.run(self);
            }

            @Override
            public String name() {
                return name;
            }
        };
    }
}
