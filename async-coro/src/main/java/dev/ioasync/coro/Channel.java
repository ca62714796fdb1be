package dev.ioasync.coro;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Objects;

/**
 * A message queue between coros (Perl's Coro::Channel), built as Coro builds it: {@link #put}
 * queues the item and then waits for room, so with {@code maxSize} 1 it is an unbuffered hand-off
 * (put returns once a getter took the item). Unbounded by default and with {@code maxSize} 0, as in Coro. {@link #shutdown()} lets every
 * current and future {@code get} on an empty channel return {@code null}.
 *
 * <p>Thread rules: use it from coros and loop callbacks of one loop.
 *
 * @param <T> the item type (no {@code null} items)
 */
public final class Channel<T> {

    private final ArrayDeque<T> queue = new ArrayDeque<>();
    private final Semaphore items = new Semaphore(0);
    private final Semaphore room;
    private final int maxSize;
    private boolean shutdown;

    /** An unbounded channel. */
    public Channel() {
        this(Integer.MAX_VALUE);
    }

    /**
     * A channel that holds at most {@code maxSize} items (Perl's {@code new Coro::Channel $maxsize});
     * {@code put} waits for room.
     *
     * @param maxSize 0 for unbounded (as in Coro); 1 is an unbuffered hand-off, 2 buffers one
     *     item, and so on
     * @throws IllegalArgumentException when {@code maxSize} is negative
     */
    public Channel(int maxSize) {
        if (maxSize < 0) {
            throw new IllegalArgumentException("Channel maxSize " + maxSize
                    + " is negative: use 0 (or new Channel()) for unbounded, 1 for an unbuffered hand-off");
        }
        if (maxSize == 0) {
            maxSize = Integer.MAX_VALUE;
        }
        this.maxSize = maxSize;
        this.room = new Semaphore(maxSize == Integer.MAX_VALUE ? Integer.MAX_VALUE : maxSize - 1);
    }

    /**
     * Puts an item, waiting for room (Perl's {@code put}).
     *
     * @param item the item
     * @throws IllegalStateException after {@link #shutdown()}
     */
    public void put(T item) {
        put(item, null);
    }

    /**
     * Puts an item, waiting at most {@code timeout} for room (for a getter, with {@code maxSize}
     * 1). On a timeout, or when the wait is interrupted by {@link Coro#throwInto} or
     * {@link Coro#cancel}, an item no getter took yet is withdrawn.
     *
     * @param item the item
     * @param timeout the longest wait, or {@code null}
     * @return whether it was put ({@code false}: withdrawn after the timeout)
     * @throws IllegalStateException after {@link #shutdown()}
     */
    public boolean put(T item, Duration timeout) {
        Objects.requireNonNull(item, "item");
        if (shutdown) {
            throw new IllegalStateException("put on a Channel that was shut down");
        }
        queue.addLast(item);
        items.up();
        boolean roomTaken;
        try {
            roomTaken = room.down(timeout);
        } catch (RuntimeException | Error e) {
            withdraw(item);
            throw e;
        }
        return roomTaken || !withdraw(item);
    }

    /** {@return whether the item was still queued and is now withdrawn; else a getter took it, and the room it freed is ours} */
    private boolean withdraw(T item) {
        if (queue.removeLastOccurrence(item)) { // equal items are interchangeable
            items.tryDown();
            return true;
        }
        room.adjust(-1);
        return false;
    }

    /**
     * Takes the oldest item, waiting for one (Perl's {@code get}).
     *
     * @return the item, or {@code null} when the channel was shut down and is empty
     */
    public T get() {
        return get(null);
    }

    /**
     * Takes the oldest item, waiting at most {@code timeout}.
     *
     * @param timeout the longest wait, or {@code null}
     * @return the item, or {@code null} on a timeout or when shut down and empty
     */
    public T get(Duration timeout) {
        if (!items.down(timeout)) {
            return null;
        }
        T item = queue.pollFirst();
        if (item == null) {
            items.up(); // shut down: let the next getter through too
            return null;
        }
        room.up();
        return item;
    }

    /** Shuts down: a {@code get} on the empty channel returns {@code null} from now on (Perl's {@code shutdown}). */
    public void shutdown() {
        if (!shutdown) {
            shutdown = true;
            items.up();
        }
    }

    /** {@return how many items are queued (Perl's {@code size})} */
    public int size() {
        return queue.size();
    }

    /** {@return the most items it holds: {@link Integer#MAX_VALUE} when unbounded} */
    public int maxSize() {
        return maxSize;
    }

    /** {@return whether {@link #shutdown()} was called} */
    public boolean isShutdown() {
        return shutdown;
    }
}
