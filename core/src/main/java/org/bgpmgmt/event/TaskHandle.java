package org.bgpmgmt.event;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.channels.SelectableChannel;
import java.time.Duration;

/**
 * A reusable reference to one scheduled task, the Java form of FRR's {@code struct event **}.
 *
 * <p>Pass the same handle to every {@code add} of a recurring task (a connection's read task, its
 * reconnect timer): adding while the handle is scheduled does nothing; the handle reads as not
 * scheduled as soon as its task starts or is cancelled; and a handle that is re-added allocates
 * nothing, because it is itself the node of the loop's queues and timer heap.
 *
 * <p>Any thread may add, cancel and query a handle. A handle belongs to the first loop it is added
 * to; adding it to another loop throws. Inside a running task, {@link #arg()}, {@link #value()} and
 * {@link #channel()} describe the run in progress; they are meant for the loop thread.
 *
 * <p>How the threads agree: one {@code long} word holds a sequence number and a state (idle,
 * arming, scheduled). An add moves idle to arming by compare-and-set, writes its request fields,
 * then publishes scheduled with the next sequence number; a cancel moves scheduled to idle; the loop
 * starts a task only by moving the exact word it linked (same sequence) from scheduled to idle. So a
 * task either starts or a cancel returned true, never both, and a stale link is recognised by its
 * sequence.
 */
public final class TaskHandle {
    static final int IDLE = 0;
    static final int ARMING = 1;
    static final int SCHEDULED = 2;
    static final long NOT_LINKED = -1;

    private static final VarHandle WORD;

    static {
        try {
            WORD = MethodHandles.lookup().findVarHandle(TaskHandle.class, "word", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final String name;
    final boolean pooled;
    private volatile long word;
    volatile EventLoop owner;

    // Request: written by the adding thread while the word says ARMING, read by the loop.
    TaskKind reqKind;
    Task reqTask;
    Object reqArg;
    int reqValue;
    SelectableChannel reqChannel;
    long reqDeadline;

    // Link: owned by the loop thread; describes the scheduling the loop acted on.
    long linkedSeq = NOT_LINKED;
    TaskKind kind;
    Task task;
    Object arg;
    int value;
    SelectableChannel channel;
    long deadline;
    long timerOrder;
    int heapIndex = -1;
    TaskHandle prev;
    TaskHandle next;
    TaskQueue queue;
    IoRegistration registration;
    TaskCounters counters;
    long yieldNanos;

    /** Creates a handle whose task names itself ({@link Task#name()}) in the accounting. */
    public TaskHandle() {
        this(null, false);
    }

    /**
     * Creates a handle whose tasks are accounted under {@code name}, the row of
     * {@link EventLoop#showCpu()} (FRR names the row after the callback, e.g.
     * {@code bfd_dplane_read}).
     *
     * @param name the accounting name; must not be empty
     */
    public TaskHandle(final String name) {
        this(requireName(name), false);
    }

    TaskHandle(final String name, final boolean pooled) {
        this.name = name;
        this.pooled = pooled;
    }

    private static String requireName(final String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("name must not be null or empty: " + name);
        }
        return name;
    }

    /**
     * Tells whether a task is scheduled on this handle: added and neither started nor cancelled.
     * Any thread.
     *
     * @return true while scheduled
     */
    public boolean isScheduled() {
        return stateOf(word) == SCHEDULED;
    }

    /**
     * Returns the time left before the scheduled timer of this handle is due. Any thread.
     *
     * @return the remaining nanoseconds (0 or negative when due), or {@link Long#MIN_VALUE} when
     *     this handle holds no scheduled timer
     */
    public long remainingNanos() {
        final long w = word;
        final long due = reqDeadline;
        final TaskKind k = reqKind;
        final EventLoop loop = owner;
        VarHandle.acquireFence();
        if (stateOf(w) != SCHEDULED || word != w || k != TaskKind.TIMER || loop == null) {
            return Long.MIN_VALUE;
        }
        return due - loop.clock().nanoTime();
    }

    /**
     * Returns the time left before the scheduled timer of this handle is due, rounded up to whole
     * milliseconds. Any thread.
     *
     * @return the remaining milliseconds (0 when due), or -1 when no timer is scheduled
     */
    public long remainingMillis() {
        final long nanos = remainingNanos();
        if (nanos == Long.MIN_VALUE) {
            return -1;
        }
        return nanos <= 0 ? 0 : (nanos + 999_999) / 1_000_000;
    }

    /**
     * Returns the time left before the scheduled timer is due. Any thread. Allocates the result.
     *
     * @return the remaining time (zero when due), or {@code null} when no timer is scheduled
     */
    public Duration remaining() {
        final long nanos = remainingNanos();
        return nanos == Long.MIN_VALUE ? null : Duration.ofNanos(Math.max(0, nanos));
    }

    /**
     * Sets how long this handle's task may run before {@link EventLoop#shouldYield()} says its slot
     * is used up (FRR {@code event_set_yield_time}). Set it before adding the task. Not thread-safe.
     *
     * @param slot the slot; zero restores the loop's default
     * @return this handle
     */
    public TaskHandle yieldTime(final Duration slot) {
        final long nanos = slot.toNanos();
        if (nanos < 0) {
            throw new IllegalArgumentException("yield time < 0: " + slot);
        }
        yieldNanos = nanos;
        return this;
    }

    /**
     * Returns the accounting name given at construction, or {@code null} when the task names itself.
     *
     * @return the name or null
     */
    public String name() {
        return name;
    }

    /**
     * Returns the argument of the task now running (FRR {@code EVENT_ARG}). Loop thread only.
     *
     * @return the argument passed when the task was added, possibly null
     */
    public Object arg() {
        return arg;
    }

    /**
     * Returns the value of the event now running (FRR {@code EVENT_VAL}). Loop thread only.
     *
     * @return the int passed to {@link EventLoop#addEvent}, 0 for other kinds
     */
    public int value() {
        return value;
    }

    /**
     * Returns the channel of the I/O task now running (FRR {@code EVENT_FD}). Loop thread only.
     *
     * @return the channel, or null for timers and events
     */
    public SelectableChannel channel() {
        return channel;
    }

    /**
     * Returns the kind of the task now running, or last scheduled. Loop thread only.
     *
     * @return the kind, or null before the first add
     */
    public TaskKind kind() {
        return kind;
    }

    /**
     * Returns the loop this handle belongs to. Any thread.
     *
     * @return the loop, or null before the first add
     */
    public EventLoop loop() {
        return owner;
    }

    /**
     * Returns a one-line summary for logs: the handle's name (or its kind when unnamed), its
     * sequence number and whether it is scheduled, arming or idle. Allocates.
     *
     * @return the summary
     */
    @Override
    public String toString() {
        final long w = word;
        return "TaskHandle[" + (name != null ? name : kind) + ", seq " + seqOf(w) + ", "
            + (stateOf(w) == SCHEDULED ? "scheduled" : stateOf(w) == ARMING ? "arming" : "idle") + ']';
    }

    /**
     * Claims an idle handle for an add: idle to arming. The caller then writes the request fields
     * and calls {@link #publish}.
     *
     * @return the sequence number to publish, or -1 when the handle is not idle
     */
    long tryArm() {
        final long w = word;
        if (stateOf(w) != IDLE || !WORD.compareAndSet(this, w, (w & ~3L) | ARMING)) {
            return -1;
        }
        return seqOf(w) + 1;
    }

    /**
     * Claims a pooled handle for an add. Nobody else can reach a pooled handle before it is
     * published, so no compare-and-set is needed.
     */
    long armExclusive() {
        return seqOf(word) + 1;
    }

    /** Writes the request the loop will act on; between {@link #tryArm} and {@link #publish}. */
    void request(final TaskKind kind, final Task task, final Object arg, final int value,
                 final SelectableChannel channel, final long deadline) {
        reqKind = kind;
        reqTask = task;
        reqArg = arg;
        reqValue = value;
        reqChannel = channel;
        reqDeadline = deadline;
    }

    /**
     * Publishes the request fields written since {@link #tryArm}: arming to scheduled. A release
     * store is enough: every reader of the fields reads the word first, with acquire semantics.
     */
    void publish(final long seq) {
        WORD.setRelease(this, wordOf(seq, SCHEDULED));
    }

    /** Moves scheduled to idle, whatever the sequence; true if this call did it. */
    boolean tryCancel() {
        for (;;) {
            final long w = word;
            if (stateOf(w) != SCHEDULED) {
                return false;
            }
            if (WORD.compareAndSet(this, w, wordOf(seqOf(w), IDLE))) {
                return true;
            }
        }
    }

    /**
     * Moves the scheduling {@code seq} from scheduled to idle: the loop starting (or cancelling)
     * exactly what it linked. Fails when a cancel or a newer add got there first.
     */
    boolean tryClaim(final long seq) {
        final long w = wordOf(seq, SCHEDULED);
        return word == w && WORD.compareAndSet(this, w, wordOf(seq, IDLE));
    }

    long word() {
        return word;
    }

    static int stateOf(final long w) {
        return (int) (w & 3);
    }

    static long seqOf(final long w) {
        return w >>> 2;
    }

    static long wordOf(final long seq, final int state) {
        return (seq << 2) | state;
    }

    boolean isLinked() {
        return linkedSeq != NOT_LINKED;
    }
}
