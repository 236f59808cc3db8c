package org.bgpmgmt.event;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.ZZ_Result;

/**
 * A bare event (no handle, argument or value: it crosses the submission queue as the task alone)
 * added while another thread stops the loop. The add either returns true and the task runs in the
 * loop's last turn, or throws and the task never runs.
 */
@JCStressTest
@Outcome(id = "true, true", expect = ACCEPTABLE, desc = "accepted before the queue closed: ran in the last turn")
@Outcome(id = "false, false", expect = ACCEPTABLE, desc = "refused: the adder was told")
@Outcome(id = "true, false", expect = FORBIDDEN, desc = "accepted but never ran: lost")
@Outcome(id = "false, true", expect = FORBIDDEN, desc = "ran although the adder was told it was refused")
@State
public class BareEventVersusShutdownStress {
    private final EventLoop loop = new EventLoop(new EventLoopConfig().name("stress").cpuTiming(false));
    private final AtomicBoolean ran = new AtomicBoolean();
    private volatile boolean accepted;

    @Actor
    public void adder() {
        try {
            accepted = loop.addEvent(self -> ran.set(true), null, 0, null);
        } catch (RejectedExecutionException refused) {
            accepted = false;
        }
    }

    @Actor
    public void stopper() {
        loop.shutdown(Duration.ofSeconds(10));
    }

    @Arbiter
    public void arbiter(final ZZ_Result r) {
        r.r1 = accepted;
        r.r2 = ran.get();
    }
}
