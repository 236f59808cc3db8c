package org.bgpmgmt.event;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.L_Result;

/**
 * Submit versus shutdown on a real loop: one thread submits work while another stops the loop
 * (the stopper finishes a loop that never ran: last turn, sweep, selector closed). The future must
 * be complete once both are done: the work ran, or the submitter was told it was rejected; never
 * both, never pending.
 */
@JCStressTest
@Outcome(id = "RAN", expect = ACCEPTABLE, desc = "accepted before the stop: ran in the last turn")
@Outcome(id = "REJECTED", expect = ACCEPTABLE, desc = "refused or swept: the submitter is told")
@Outcome(id = "PENDING", expect = FORBIDDEN, desc = "the future was left pending")
@Outcome(id = "RAN_BUT_REJECTED", expect = FORBIDDEN, desc = "the work ran but its future says rejected")
@Outcome(id = "FAILED", expect = FORBIDDEN, desc = "some other failure")
@State
public class SubmitVersusShutdownStress {
    private final EventLoop loop = new EventLoop(new EventLoopConfig().name("stress").cpuTiming(false));
    private final AtomicBoolean ran = new AtomicBoolean();
    private volatile CompletableFuture<Boolean> future;

    @Actor
    public void submitter() {
        future = loop.submit(() -> ran.getAndSet(true));
    }

    @Actor
    public void stopper() {
        loop.shutdown(Duration.ofSeconds(10));
    }

    @Arbiter
    public void arbiter(final L_Result r) {
        final CompletableFuture<Boolean> f = future;
        if (!f.isDone()) {
            r.r1 = "PENDING";
        } else if (!f.isCompletedExceptionally()) {
            r.r1 = ran.get() ? "RAN" : "FAILED";
        } else {
            final Throwable cause = f.handle((v, e) -> e).join();
            r.r1 = !(cause instanceof RejectedExecutionException) ? "FAILED" : ran.get() ? "RAN_BUT_REJECTED" : "REJECTED";
        }
    }
}
