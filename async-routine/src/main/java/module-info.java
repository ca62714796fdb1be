/**
 * Routine, Channel, Function and DetachedCode: code in other threads, virtual threads and child
 * JVMs, talking to the loop over channels.
 */
module dev.ioasync.routine {
    requires transitive dev.ioasync;
    // the parent JVM's start-up options, passed on to child JVMs
    requires java.management;

    exports dev.ioasync.routine;
    exports dev.ioasync.routine.codec;
}
