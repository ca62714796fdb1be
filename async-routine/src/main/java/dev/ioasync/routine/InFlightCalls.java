package dev.ioasync.routine;

import java.util.ArrayList;
import java.util.List;

/**
 * The calls of a {@link Function} that are not settled yet, in call order: queued, running, or
 * finished with a result that has not reached the loop. An intrusive doubly linked list through
 * {@link PendingCall}'s fields, so adding and removing allocate nothing and cost O(1). Membership
 * is the one truth about whether a call still needs an answer: whoever removes a call answers it,
 * and a result for a call that is no longer in the list is dropped.
 *
 * <p>Thread rules: loop thread only.
 */
final class InFlightCalls {

    private PendingCall head;
    private PendingCall tail;
    private int size;

    void add(PendingCall c) {
        c.inFlight = true;
        c.prev = tail;
        c.next = null;
        if (tail == null) {
            head = c;
        } else {
            tail.next = c;
        }
        tail = c;
        size++;
    }

    /** {@return whether the call was in the list (and now is not)} */
    boolean remove(PendingCall c) {
        if (!c.inFlight) {
            return false;
        }
        c.inFlight = false;
        if (c.prev == null) {
            head = c.next;
        } else {
            c.prev.next = c.next;
        }
        if (c.next == null) {
            tail = c.prev;
        } else {
            c.next.prev = c.prev;
        }
        c.prev = null;
        c.next = null;
        size--;
        return true;
    }

    /**
     * Empties the list.
     *
     * @return its calls in call order
     */
    List<PendingCall> removeAll() {
        List<PendingCall> all = new ArrayList<>(size);
        for (PendingCall c = head; c != null; ) {
            PendingCall n = c.next;
            c.inFlight = false;
            c.prev = null;
            c.next = null;
            all.add(c);
            c = n;
        }
        head = null;
        tail = null;
        size = 0;
        return all;
    }

    int size() {
        return size;
    }
}
