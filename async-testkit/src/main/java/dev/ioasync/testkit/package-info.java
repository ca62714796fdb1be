/**
 * Test support for programs built on ioasync-java: {@link dev.ioasync.testkit.ManualClock} (time
 * that moves when the test says), {@link dev.ioasync.testkit.LoopRunner} (run a loop until a future
 * is ready or a condition holds, with a time limit) and the JUnit 5 extension
 * {@link dev.ioasync.testkit.LoopExtension} that gives each test a fresh {@link dev.ioasync.Loop}
 * and closes it afterwards. Add {@code async-testkit} with {@code <scope>test</scope>}.
 *
 * <p>Thread rules: a loop is confined to the thread that runs it, so {@code LoopRunner} must be
 * called on that thread (for the extension's loops: the test's own thread). {@code ManualClock}
 * may be read and advanced from any thread.
 */
package dev.ioasync.testkit;
