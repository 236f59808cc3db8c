package org.bgpmgmt.event;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.ZZ_Result;

/**
 * Wakeup coalescing: two submitters race to wake a loop that is blocked in select (flag raised).
 * Exactly one of them does the wakeup system call.
 */
@JCStressTest
@Outcome(id = {"true, false", "false, true"}, expect = ACCEPTABLE, desc = "one wakeup for the burst")
@Outcome(id = "true, true", expect = FORBIDDEN, desc = "two wakeups for one select")
@Outcome(id = "false, false", expect = FORBIDDEN, desc = "nobody wakes the selecting loop")
@State
public class WakeupCoalescedStress {
    private final WakeupFlag flag = new WakeupFlag();

    public WakeupCoalescedStress() {
        flag.raise();
    }

    @Actor
    public void first(final ZZ_Result r) {
        r.r1 = flag.claim();
    }

    @Actor
    public void second(final ZZ_Result r) {
        r.r2 = flag.claim();
    }
}
