package dev.ioasync.observe;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/** JFR: an error a loop callback threw, routed to a handler (on the loop's thread). */
@Name("dev.ioasync.CallbackError")
@Label("Callback Error")
@Category({"ioasync", "Loop"})
@Description("An error thrown by a loop callback and routed up the notifier tree")
@StackTrace(false)
public final class CallbackErrorEvent extends Event {

    /** The loop's name. */
    @Label("Loop")
    public String loop;

    /** The error's class. */
    @Label("Error Class")
    public String errorClass;

    /** The error's message. */
    @Label("Message")
    public String message;

    /** The notifier the error came from, or empty for a low-level watch. */
    @Label("Source")
    public String source;

    /** Made by the loop. */
    public CallbackErrorEvent() {
    }
}
