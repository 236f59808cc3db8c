package org.bgpmgmt.event;

import java.nio.channels.SelectionKey;
import java.util.function.Consumer;

/**
 * One channel's place in the loop: its selection key and the four one-shot I/O task slots.
 *
 * <p>Interest ops follow the slots lazily. Filling a slot widens the key's interest at once (the
 * next select must see it); emptying one only marks the registration dirty, and the loop narrows
 * the interest at the end of the turn. So a read task that re-adds itself while it runs, the common
 * case, leaves the key untouched: no {@code epoll_ctl} on the hot path.
 *
 * <p>Loop thread only.
 */
final class IoRegistration {
    final SelectionKey key;
    private final TaskHandle[] slots = new TaskHandle[4];
    private int interestOps;
    boolean dirty;
    IoRegistration nextDirty;
    /** How many times the key's interest ops were changed; tests prove the hot path leaves them alone. */
    long interestChanges;

    IoRegistration(final SelectionKey key) {
        this.key = key;
    }

    private static int slotOf(final TaskKind kind) {
        return kind.ordinal();
    }

    static int opOf(final TaskKind kind) {
        switch (kind) {
            case READ:
                return SelectionKey.OP_READ;
            case WRITE:
                return SelectionKey.OP_WRITE;
            case ACCEPT:
                return SelectionKey.OP_ACCEPT;
            case CONNECT:
                return SelectionKey.OP_CONNECT;
            default:
                throw new IllegalArgumentException("not an I/O kind: " + kind);
        }
    }

    TaskHandle slot(final TaskKind kind) {
        return slots[slotOf(kind)];
    }

    /** Puts {@code h} in its slot and widens the interest ops if they lack its operation. */
    void fill(final TaskHandle h) {
        final int i = slotOf(h.kind);
        final TaskHandle present = slots[i];
        if (present != null) {
            throw new IllegalStateException("a " + h.kind + " task is already scheduled on this channel ("
                + present + "); cancel it before adding another");
        }
        slots[i] = h;
        h.registration = this;
        final int op = opOf(h.kind);
        if ((interestOps & op) == 0) {
            interestOps |= op;
            key.interestOps(interestOps);
            interestChanges++;
        }
    }

    /** Empties the slot of {@code h}; returns true when the registration just became dirty. */
    boolean clear(final TaskHandle h) {
        final int i = slotOf(h.kind);
        if (slots[i] == h) {
            slots[i] = null;
        }
        h.registration = null;
        if (dirty) {
            return false;
        }
        dirty = true;
        return true;
    }

    /** Narrows the interest ops to the filled slots; called once per turn for dirty registrations. */
    void syncInterest() {
        dirty = false;
        int wanted = 0;
        for (int i = 0; i < slots.length; i++) {
            if (slots[i] != null) {
                wanted |= opOf(slots[i].kind);
            }
        }
        if (wanted != interestOps && key.isValid()) {
            interestOps = wanted;
            key.interestOps(wanted);
            interestChanges++;
        }
    }

    int interestOps() {
        return interestOps;
    }

    /** Calls {@code action} for every filled slot (used by shutdown and cancel-by-argument). */
    void forEachSlot(final Consumer<TaskHandle> action) {
        for (int i = 0; i < slots.length; i++) {
            final TaskHandle h = slots[i];
            if (h != null) {
                action.accept(h);
            }
        }
    }
}
