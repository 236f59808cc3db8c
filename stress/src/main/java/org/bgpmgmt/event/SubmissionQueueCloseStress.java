package org.bgpmgmt.event;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.II_Result;

/**
 * A producer offers twice while the consumer closes the queue and drains it: the consumer takes
 * exactly the offers that returned true, and a refused offer is never followed by an accepted one.
 */
@JCStressTest
@Outcome(id = {"0, 0", "1, 1", "2, 2"}, expect = ACCEPTABLE, desc = "the consumer took exactly the accepted offers")
@Outcome(expect = FORBIDDEN, desc = "an accepted offer was lost, or a refused one was taken")
@State
public class SubmissionQueueCloseStress {
    private final SubmissionQueue queue = new SubmissionQueue();
    private int accepted;
    private int taken;

    @Actor
    public void producer() {
        if (queue.offer("one")) {
            accepted++;
        }
        if (queue.offer("two")) {
            accepted += accepted == 1 ? 1 : 10; // an accepted second offer after a refused first one is forbidden
        }
    }

    @Actor
    public void consumer() {
        queue.close();
        while (queue.poll() != null) {
            taken++;
        }
    }

    @Arbiter
    public void arbiter(final II_Result r) {
        r.r1 = accepted;
        r.r2 = taken;
    }
}
