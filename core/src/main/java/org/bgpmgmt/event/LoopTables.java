package org.bgpmgmt.event;

import java.io.IOException;
import java.net.SocketAddress;
import java.nio.channels.NetworkChannel;
import java.nio.channels.SelectableChannel;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The scheduled timers and the polled channels of one loop, one row each, as FRR's
 * {@code show event timers} and {@code show event poll} list them. The loop publishes both tables
 * through a {@link LoopSnapshot}, so they are as fresh as {@link EventLoop#taskStats()}: from
 * another thread, as of the loop's next turn, or as of before a stall while a task holds the loop.
 * Nothing here reads a loop-owned structure off the loop thread.
 *
 * <p>Any thread.
 */
public final class LoopTables {
    private static final Tables EMPTY = new Tables(List.of(), List.of());
    private final EventLoop loop;
    private final LoopSnapshot<Tables> snapshot;

    LoopTables(final EventLoop loop) {
        this.loop = loop;
        this.snapshot = LoopSnapshot.of(loop, this::compute, EMPTY);
    }

    /**
     * Returns the scheduled timers, earliest first. Any thread; never waits on a stuck loop.
     *
     * @return an immutable list; empty before the loop has started
     */
    public List<TimerRow> timers() {
        return snapshot.read().timers();
    }

    /**
     * Returns the channels the loop polls, one row per channel, in registration order. Any thread;
     * never waits on a stuck loop.
     *
     * @return an immutable list; empty before the loop has started
     */
    public List<PollRow> poll() {
        return snapshot.read().poll();
    }

    /**
     * Returns how long ago the loop computed the tables last. Any thread.
     *
     * @return nanoseconds since the last publication
     */
    public long ageNanos() {
        return snapshot.ageNanos();
    }

    private Tables compute() {
        if (loop.lifecycle.terminated()) {
            return EMPTY;
        }
        final Scheduler s = loop.scheduler;
        final List<TaskHandle> handles = new ArrayList<>();
        s.timers.collect(handles);
        final long now = s.clock.nanoTime();
        final List<TimerRow> timers = new ArrayList<>(handles.size());
        for (TaskHandle h : handles) {
            // A timer still settling carries its delay, not a deadline: it is due that long after its task ends.
            timers.add(new TimerRow(h.name(), h.heapIndex >= 0 ? Math.max(0, h.deadline - now) : h.deadline));
        }
        timers.sort(Comparator.comparingLong(TimerRow::remainingNanos));
        handles.clear();
        s.io.collectSlots(handles);
        final Map<SelectableChannel, List<TaskHandle>> byChannel = new LinkedHashMap<>();
        for (TaskHandle h : handles) {
            byChannel.computeIfAbsent(h.channel, c -> new ArrayList<>()).add(h);
        }
        final List<PollRow> poll = new ArrayList<>(byChannel.size());
        byChannel.forEach((ch, hs) -> poll.add(row(ch, hs)));
        return new Tables(List.copyOf(timers), List.copyOf(poll));
    }

    private static PollRow row(final SelectableChannel ch, final List<TaskHandle> hs) {
        final List<String> events = new ArrayList<>(hs.size());
        final List<String> tasks = new ArrayList<>(hs.size());
        for (TaskHandle h : hs) {
            events.add(h.kind.name().toLowerCase(Locale.ROOT));
            tasks.add(h.name());
        }
        return new PollRow(describe(ch), List.copyOf(events), List.copyOf(tasks));
    }

    static String describe(final SelectableChannel ch) {
        final String kind = ch.getClass().getSimpleName().replace("Impl", "");
        if (ch instanceof NetworkChannel) {
            try {
                final SocketAddress local = ((NetworkChannel) ch).getLocalAddress();
                return local == null ? kind : kind + " " + local;
            } catch (IOException e) {
                return kind + " (closed)";
            }
        }
        return kind;
    }

    /**
     * One scheduled timer.
     *
     * @param task the accounting name of the timer's task
     * @param remainingNanos how long until it is due, as of the publication
     */
    public record TimerRow(String task, long remainingNanos) {
    }

    /**
     * One polled channel: the events it waits for and the task waiting on each.
     *
     * @param channel the channel's kind and local address
     * @param events {@code read}, {@code write}, {@code accept} or {@code connect}, one per waiting task
     * @param tasks the accounting name of the task waiting for each event, in the order of {@code events}
     */
    public record PollRow(String channel, List<String> events, List<String> tasks) {
    }

    private record Tables(List<TimerRow> timers, List<PollRow> poll) {
    }
}
