package dev.ioasync.coro;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/** JFR: the Coro scheduler found a deadlock (nothing ready and nothing that could ready a coro). */
@Name("dev.ioasync.CoroDeadlock")
@Label("Coro Deadlock")
@Category({"ioasync", "Coro"})
@Description("No coro is ready and nothing could ready one: Coro's deadlock report")
@StackTrace(false)
final class CoroDeadlockEvent extends Event {

    @Label("Loop")
    String loop;

    @Label("Coros")
    int coros;

    @Label("Listing")
    String listing;
}
