package org.bgpmgmt.event;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.ZZ_Result;

/**
 * The TaskHandle protocol: the loop starts a scheduled task (claims the sequence it linked) while
 * another thread cancels it. Exactly one of them wins: the task runs or {@code cancel} returned
 * true, never both and never neither.
 */
@JCStressTest
@Outcome(id = "true, false", expect = ACCEPTABLE, desc = "the task ran; cancel found nothing to cancel")
@Outcome(id = "false, true", expect = ACCEPTABLE, desc = "cancel won; the task does not run")
@Outcome(id = "true, true", expect = FORBIDDEN, desc = "ran although cancel returned true")
@Outcome(id = "false, false", expect = FORBIDDEN, desc = "neither ran nor cancelled: the task was lost")
@State
public class TaskHandleRunOrCancelStress {
    private final TaskHandle handle = new TaskHandle("stress");
    private final long seq;

    public TaskHandleRunOrCancelStress() {
        seq = handle.tryArm();
        handle.publish(seq);
    }

    @Actor
    public void loop(final ZZ_Result r) {
        r.r1 = handle.tryClaim(seq);
    }

    @Actor
    public void canceller(final ZZ_Result r) {
        r.r2 = handle.tryCancel();
    }
}
