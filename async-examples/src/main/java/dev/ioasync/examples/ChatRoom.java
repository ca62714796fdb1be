package dev.ioasync.examples;

import dev.ioasync.Loop;
import dev.ioasync.protocol.LineProtocol;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The one room of {@code chat-server}, spread over the loops that serve it: each loop keeps its
 * own clients, touched only on its own thread, and a line said on one loop reaches the clients of
 * the other loops through their {@link Loop#later} (so each connection is only ever written on
 * the loop that owns it). Lines one client says reach every other loop in the order said, since
 * a loop runs its {@code later} calls in order. A line reaches only the clients that were in the
 * room when it was said: one that joins a loop while a line is on its way there does not get it.
 *
 * <p>Thread-safe: {@link #join}, {@link #leave} and {@link #say} are called on the loop of the
 * client concerned.
 */
final class ChatRoom {

    private final List<Loop> loops;
    /** Each loop's own clients, with the room's time they joined; a map is touched only on its loop's thread. */
    private final Map<Loop, Map<LineProtocol, Long>> members = new ConcurrentHashMap<>();
    /** The room's time: one tick per join and per line said. */
    private final AtomicLong time = new AtomicLong();
    private final AtomicInteger present = new AtomicInteger();
    private final AtomicInteger nextId = new AtomicInteger(1);

    /**
     * Makes the room.
     *
     * @param loops the loops whose clients it connects
     */
    ChatRoom(List<Loop> loops) {
        this.loops = List.copyOf(loops);
        for (Loop l : this.loops) {
            members.put(l, new LinkedHashMap<>());
        }
    }

    /** {@return a new client name, user1, user2, ...} */
    String newName() {
        return "user" + nextId.getAndIncrement();
    }

    /**
     * Adds a client of {@code loop}, on its thread.
     *
     * @return how many others are in the room
     */
    int join(Loop loop, LineProtocol client) {
        members.get(loop).put(client, time.incrementAndGet());
        return present.incrementAndGet() - 1;
    }

    /** Removes a client of {@code loop}, on its thread. */
    void leave(Loop loop, LineProtocol client) {
        if (members.get(loop).remove(client) != null) {
            present.decrementAndGet();
        }
    }

    /**
     * Sends {@code line} to every client but {@code from}: at once to those of {@code loop} (the
     * caller's), through {@code later} to those of the other loops.
     */
    void say(Loop loop, LineProtocol from, String line) {
        long said = time.incrementAndGet();
        for (Loop l : loops) {
            if (l == loop) {
                deliver(l, from, line, said);
            } else {
                try {
                    l.later(() -> deliver(l, from, line, said));
                } catch (IllegalStateException closed) {
                    // that loop has closed (the server is shutting down): nobody there to tell
                }
            }
        }
    }

    private void deliver(Loop loop, LineProtocol from, String line, long said) {
        members.get(loop).forEach((c, joined) -> {
            if (c != from && joined < said) {
                c.writeLine(line);
            }
        });
    }
}
