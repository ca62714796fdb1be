package dev.ioasync.observe;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Threshold;
import jdk.jfr.Timespan;

/**
 * JFR: one loop iteration that spent longer than the threshold (default 20 ms; set it in a
 * {@code .jfc} file or with {@code jdk.jfr} settings as {@code dev.ioasync.LoopStall#threshold})
 * running callbacks, with the slowest callback and the notifier in charge of it.
 */
@Name("dev.ioasync.LoopStall")
@Label("Loop Stall")
@Category({"ioasync", "Loop"})
@Description("A loop iteration that ran callbacks longer than the threshold")
@Threshold("20 ms")
@StackTrace(false)
public final class LoopStallEvent extends Event {

    /** The loop's name. */
    @Label("Loop")
    public String loop;

    /** Callbacks run in the iteration. */
    @Label("Callbacks")
    public int callbacks;

    /** The slowest callback: its notifier, or its class. */
    @Label("Slowest Callback")
    public String slowest;

    /** How long the slowest callback ran. */
    @Label("Slowest Duration")
    @Timespan(Timespan.NANOSECONDS)
    public long slowestNanos;

    /** Made by the loop. */
    public LoopStallEvent() {
    }
}
