package org.bgpmgmt.event;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.ZZZ_Result;

/**
 * The TaskHandle protocol with a re-add: while the loop starts the scheduling it linked, another
 * thread cancels the handle and adds it again at once. The loop's stale claim must fail when the
 * cancel won, whatever the re-add did; the re-add always succeeds, because after either the run
 * or the cancel the handle is idle.
 */
@JCStressTest
@Outcome(id = "true, false, true", expect = ACCEPTABLE, desc = "ran first; the cancel missed, the re-add armed")
@Outcome(id = "false, true, true", expect = ACCEPTABLE, desc = "cancel won; the re-add armed a new sequence")
@Outcome(id = "true, true, .*", expect = FORBIDDEN, desc = "ran although cancel returned true")
@Outcome(id = "false, false, .*", expect = FORBIDDEN, desc = "neither ran nor cancelled")
@Outcome(id = ".*, .*, false", expect = FORBIDDEN, desc = "the re-add of an idle handle failed")
@State
public class TaskHandleCancelReAddStress {
    private final TaskHandle handle = new TaskHandle("stress");
    private final long seq;

    public TaskHandleCancelReAddStress() {
        seq = handle.tryArm();
        handle.publish(seq);
    }

    @Actor
    public void loop(final ZZZ_Result r) {
        r.r1 = handle.tryClaim(seq);
    }

    @Actor
    public void cancelAndReAdd(final ZZZ_Result r) {
        r.r2 = handle.tryCancel();
        long next;
        do {
            next = handle.tryArm(); // fails only while the loop's claim and our cancel are both pending
        } while (next < 0 && handle.isScheduled());
        if (next >= 0) {
            handle.publish(next);
        }
        r.r3 = next >= 0;
    }
}
