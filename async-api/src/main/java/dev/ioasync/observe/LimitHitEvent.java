package dev.ioasync.observe;

import jdk.jfr.Category;
import jdk.jfr.DataAmount;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * JFR: a stream hit its read limit (more bytes read and not consumed than it may hold: the
 * stream fails with category {@code read-limit} and closes) or its write limit (a write refused
 * with category {@code write-limit}). Committed on the loop thread, at the hit. IO::Async has no
 * such limits (see {@code Stream#readLimit(int)}).
 */
@Name("dev.ioasync.LimitHit")
@Label("Stream Limit Hit")
@Category({"ioasync", "Stream"})
@Description("A stream's read limit or write limit was hit")
@StackTrace(false)
public final class LimitHitEvent extends Event {

    /** The loop's name, or empty for a stream in no loop. */
    @Label("Loop")
    public String loop;

    /** {@code read-limit} or {@code write-limit}. */
    @Label("Kind")
    public String kind;

    /** The limit, in bytes. */
    @Label("Limit")
    @DataAmount
    public long limit;

    /** How many bytes the stream would hold (read and not consumed, or queued plus the refused write). */
    @Label("Amount")
    @DataAmount
    public long amount;

    /** The stream, described. */
    @Label("Stream")
    public String stream;

    /** Made by the observer. */
    public LimitHitEvent() {
    }
}
