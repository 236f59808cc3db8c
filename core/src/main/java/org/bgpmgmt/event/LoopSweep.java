package org.bgpmgmt.event;

import java.io.IOException;
import java.util.ArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cancelling in bulk: every task of one argument (FRR {@code event_cancel_event}), and at stop
 * the last turn and the sweep that cancels what is left, rejects dropped submissions and closes
 * the selector. Loop thread only.
 */
final class LoopSweep {
    private static final Logger LOG = LoggerFactory.getLogger(EventLoop.class);

    private final Scheduler scheduler;
    private final Consumer<TaskHandle> cancelLinked = this::cancelLinked;
    private Runnable onClose = () -> { };

    LoopSweep(final Scheduler scheduler) {
        this.scheduler = scheduler;
    }

    /** Cancels every linked task whose argument is {@code arg} (FRR {@code event_cancel_event}). */
    int cancelByArg(final Object arg) {
        scheduler.drainSubmissions();
        final int[] count = new int[1];
        forEachLinked(h -> {
            if (h.arg == arg && cancelLinkedIfScheduled(h)) {
                count[0]++;
            }
        });
        return count[0];
    }

    private boolean cancelLinkedIfScheduled(final TaskHandle h) {
        if (!h.tryClaim(h.linkedSeq)) {
            return false;
        }
        scheduler.unlink(h);
        scheduler.pool().recycle(h);
        return true;
    }

    private void cancelLinked(final TaskHandle h) {
        final Task task = h.task;
        if (cancelLinkedIfScheduled(h)) {
            Submission.rejectIfSubmission(task, scheduler.loop.name());
        }
        if (h.isLinked()) {
            scheduler.unlink(h);
        }
    }

    /** Visits every linked handle once; the visitor may unlink it. */
    private void forEachLinked(final Consumer<TaskHandle> visitor) {
        final ArrayList<TaskHandle> all = new ArrayList<>();
        for (TaskQueue q : new TaskQueue[] {scheduler.events, scheduler.ready, scheduler.ioReady}) {
            for (TaskHandle h = q.peek(); h != null; h = h.next) {
                all.add(h);
            }
        }
        scheduler.timers.collect(all);
        scheduler.io.collectWaiting(all);
        all.forEach(visitor);
    }

    /**
     * The last turn of a stopping loop: closes the submission queue, so that every add from now on
     * is refused, takes in every submission accepted before (waiting out an offer in progress,
     * which {@code poll} does and {@code relaxedPoll} does not), then runs what is due now, without
     * waiting.
     */
    void finalTurn() {
        final SubmissionQueue submissions = scheduler.loop.submissions;
        submissions.close();
        Object e;
        while ((e = submissions.poll()) != null) {
            scheduler.takeIn(e);
        }
        scheduler.turn(0);
    }

    void onClose(final Runnable action) {
        final Runnable before = onClose;
        onClose = () -> {
            before.run();
            action.run();
        };
    }

    /** A bare event the loop never ran (its last turn failed): its submitter is told if it can be. */
    private void dropUnrun(final Task task) {
        if (task instanceof Submission) {
            Submission.rejectIfSubmission(task, scheduler.loop.name());
        } else {
            LOG.warn("{}: the last turn failed; event {} added from another thread did not run",
                scheduler.loop.name(), task.name());
        }
    }

    /** Cancels everything still scheduled and closes the selector. */
    void closeAll() {
        onClose.run();
        // Runs between turns (execute, commands) are accounted too.
        scheduler.accounting.flush(scheduler.clock.nanoTime());
        // Empty unless the last turn failed before it took everything in.
        final SubmissionQueue submissions = scheduler.loop.submissions;
        submissions.close();
        Object entry;
        while ((entry = submissions.poll()) != null) {
            if (!(entry instanceof TaskHandle)) {
                dropUnrun((Task) entry);
                continue;
            }
            final TaskHandle h = (TaskHandle) entry;
            if (h.reqKind == TaskKind.COMMAND) {
                scheduler.reconcile(h);
            } else {
                final Task task = h.reqTask;
                if (scheduler.loop.cancel(h)) {
                    Submission.rejectIfSubmission(task, scheduler.loop.name());
                }
                if (h.isLinked()) {
                    scheduler.unlink(h);
                }
            }
        }
        forEachLinked(cancelLinked);
        scheduler.bare().drain(this::dropUnrun); // the tasks of the runs just cancelled
        try {
            scheduler.io.close();
        } catch (IOException e) {
            LOG.warn("{}: closing the selector failed", scheduler.loop.name(), e);
        }
    }
}
