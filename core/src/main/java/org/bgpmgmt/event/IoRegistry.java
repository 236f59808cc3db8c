package org.bgpmgmt.event;

import java.io.IOException;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.List;
import java.util.function.Consumer;

/**
 * The loop's selector and the I/O registrations on it: fills and empties the task slots of each
 * channel, hands ready tasks to the turn, and narrows interest ops once per turn.
 *
 * <p>Loop thread only, except {@link #wakeup()}.
 */
final class IoRegistry {
    private final Selector selector;
    private final TaskQueue ioReady;
    private final Consumer<SelectionKey> onKeyReady = this::keyReady;
    private IoRegistration dirty;
    /**
     * The registration whose slot was emptied last: a task that re-adds itself while it runs (a
     * read task, every batch) finds its channel's registration here without {@code keyFor}'s lock.
     */
    private IoRegistration lastCleared;

    IoRegistry(final TaskQueue ioReady) throws IOException {
        this.selector = Selector.open();
        this.ioReady = ioReady;
    }

    /** Waits up to {@code millis} (0: forever) and queues the ready tasks, without garbage. */
    void select(final long millis) throws IOException {
        if (millis == 0) {
            selector.select(onKeyReady);
        } else {
            selector.select(onKeyReady, millis);
        }
    }

    void selectNow() throws IOException {
        selector.selectNow(onKeyReady);
    }

    void wakeup() {
        selector.wakeup();
    }

    boolean isOpen() {
        return selector.isOpen();
    }

    void close() throws IOException {
        lastCleared = null;
        selector.close();
    }

    private void keyReady(final SelectionKey key) {
        final IoRegistration reg = (IoRegistration) key.attachment();
        final int ops = key.readyOps();
        // Within one channel: finish a connect or accept first, then read before write.
        readyIf(reg, ops, SelectionKey.OP_CONNECT, TaskKind.CONNECT);
        readyIf(reg, ops, SelectionKey.OP_ACCEPT, TaskKind.ACCEPT);
        readyIf(reg, ops, SelectionKey.OP_READ, TaskKind.READ);
        readyIf(reg, ops, SelectionKey.OP_WRITE, TaskKind.WRITE);
    }

    private void readyIf(final IoRegistration reg, final int ops, final int op, final TaskKind kind) {
        if ((ops & op) == 0) {
            return;
        }
        final TaskHandle h = reg.slot(kind);
        if (h == null) {
            markDirty(reg); // interest left over from a cancel; narrow it this turn
        } else if (h.queue == null) {
            ioReady.add(h);
        }
    }

    /** Puts {@code h} in the slot of its channel, registering the channel on first use. */
    void fill(final TaskHandle h) throws ClosedChannelException {
        final IoRegistration recent = lastCleared;
        // A channel has one key per selector: while that key is valid it leads to the same registration.
        if (recent != null && recent.key.channel() == h.channel && recent.key.isValid()) {
            recent.fill(h);
        } else {
            registration(h.channel).fill(h);
        }
    }

    /** Empties the slot holding {@code h}; the interest ops follow at {@link #syncInterestOps()}. */
    void clear(final TaskHandle h) {
        final IoRegistration reg = h.registration;
        lastCleared = reg;
        if (reg.clear(h)) {
            reg.nextDirty = dirty;
            dirty = reg;
        }
    }

    private void markDirty(final IoRegistration reg) {
        if (!reg.dirty) {
            reg.dirty = true;
            reg.nextDirty = dirty;
            dirty = reg;
        }
    }

    void syncInterestOps() {
        for (IoRegistration reg = dirty; reg != null; ) {
            final IoRegistration next = reg.nextDirty;
            reg.nextDirty = null;
            try {
                reg.syncInterest();
            } catch (CancelledKeyException e) {
                // The channel was closed under us; the selector drops its key at the next select.
            }
            reg = next;
        }
        dirty = null;
    }

    private IoRegistration registration(final SelectableChannel channel) throws ClosedChannelException {
        final SelectionKey key = channel.keyFor(selector);
        if (key != null) {
            if (!key.isValid()) {
                throw new CancelledKeyException();
            }
            return (IoRegistration) key.attachment();
        }
        if (channel.isRegistered()) {
            throw new IllegalStateException(channel + " is registered with another selector: a channel stays on"
                + " the loop it was first added to");
        }
        if (channel.isBlocking()) {
            try {
                channel.configureBlocking(false);
            } catch (IOException e) {
                throw new IllegalStateException("cannot make " + channel + " non-blocking", e);
            }
        }
        final SelectionKey created = channel.register(selector, 0);
        final IoRegistration reg = new IoRegistration(created);
        created.attach(reg);
        return reg;
    }

    IoRegistration registrationOf(final SelectableChannel channel) {
        final SelectionKey key = channel.keyFor(selector);
        return key == null ? null : (IoRegistration) key.attachment();
    }

    /** Returns how many channels are registered with the selector (cancelled keys until the next select). */
    int channels() {
        return selector.isOpen() ? selector.keys().size() : 0;
    }

    /** Adds every handle sitting in a slot and not already in a queue to {@code out}. */
    void collectWaiting(final List<TaskHandle> out) {
        if (!selector.isOpen()) {
            return;
        }
        for (SelectionKey key : selector.keys()) {
            final IoRegistration reg = (IoRegistration) key.attachment();
            if (reg != null) {
                reg.forEachSlot(h -> {
                    if (h.queue == null) {
                        out.add(h);
                    }
                });
            }
        }
    }

    /** Adds every handle sitting in a slot, ready or not, to {@code out}: the rows of {@code show event poll}. */
    void collectSlots(final List<TaskHandle> out) {
        if (!selector.isOpen()) {
            return;
        }
        for (SelectionKey key : selector.keys()) {
            final IoRegistration reg = (IoRegistration) key.attachment();
            if (reg != null && key.isValid()) {
                reg.forEachSlot(out::add);
            }
        }
    }
}
