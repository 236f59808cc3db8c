package org.bgpmgmt.event;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.ZZ_Result;

/**
 * No lost wakeup: the loop raises its wakeup flag and then looks at its submission queue (and
 * blocks in select if it is empty); a submitter offers to the queue and then claims the flag
 * (and wakes the selector if it won). The loop must never block on work that nobody wakes it for.
 */
@JCStressTest
@Outcome(id = "true, false", expect = FORBIDDEN, desc = "lost wakeup: the loop blocks on a queue it saw empty, unwoken")
@Outcome(id = "true, true", expect = ACCEPTABLE, desc = "the loop blocks and the submitter wakes it")
@Outcome(id = "false, true", expect = ACCEPTABLE, desc = "the loop sees the work; one spare wakeup")
@Outcome(id = "false, false", expect = ACCEPTABLE, desc = "the loop sees the work; no wakeup needed")
@State
public class WakeupNotLostStress {
    private final WakeupFlag flag = new WakeupFlag();
    private final SubmissionQueue queue = new SubmissionQueue(); // the loop's own inbox

    @Actor
    public void loop(final ZZ_Result r) {
        flag.raise();
        r.r1 = queue.isEmpty(); // true: the loop would block in select
    }

    @Actor
    public void submitter(final ZZ_Result r) {
        queue.offer(this);
        r.r2 = flag.claim(); // true: this submitter wakes the selector
    }
}
