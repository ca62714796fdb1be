package dev.ioasync.routine;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/** JFR: a Function's worker ended by an error or a kill rather than by returning. */
@Name("dev.ioasync.WorkerDeath")
@Label("Worker Death")
@Category({"ioasync", "Routine"})
@Description("A Function worker (thread, virtual thread or child JVM) that died")
@StackTrace(false)
final class WorkerDeathEvent extends Event {

    @Label("Function")
    String function;

    @Label("Worker")
    String worker;

    @Label("Model")
    String model;

    @Label("Reason")
    String reason;

    @Label("Message")
    String message;
}
