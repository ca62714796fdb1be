/**
 * Internals of {@code async-routine}: the frame format and pump threads of child JVMs, the thread
 * transports, the child's main class and the Function's workers. Not an API: public only so that
 * the child JVM can start {@link dev.ioasync.routine.internal.ChildMain}.
 *
 * <h2>Thread rules</h2>
 * {@link dev.ioasync.routine.internal.RoutineSink} methods always run on the loop thread: the
 * transports' own threads (routine threads, and the reader and writer pump threads of a child
 * JVM) reach it only through {@link dev.ioasync.Loop#later}. {@link
 * dev.ioasync.routine.internal.Transport} methods are called on the loop thread and never block
 * it: frames for a child go through a queue to its writer thread.
 */
package dev.ioasync.routine.internal;
