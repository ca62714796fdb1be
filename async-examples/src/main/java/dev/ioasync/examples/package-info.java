/**
 * The {@code ioasync} command and its runnable examples.
 *
 * <p>{@link dev.ioasync.examples.Main} parses the command line and hands each subcommand to its
 * own class ({@link dev.ioasync.examples.BackendsCommand}, {@link dev.ioasync.examples.DemoCommand},
 * {@link dev.ioasync.examples.HelpCommand}). Each demo example is a small class implementing
 * {@link dev.ioasync.examples.Example}; {@link dev.ioasync.examples.DemoCommand#EXAMPLES} lists
 * them, so adding one is a one-line change.
 *
 * <h2>Thread rules</h2>
 * A command runs on the thread that calls it and writes only to the {@link java.io.PrintStream}s
 * it was given; only {@code Main.main} touches {@code System.out}, {@code System.err} and
 * {@code System.exit}. An example is handed a {@link dev.ioasync.Loop} owned by the calling thread,
 * runs it on that thread, and every loop callback (and therefore every line it prints) happens
 * there too. An example that starts another thread (the pipe writer) reaches the loop only
 * through its thread-safe entry points ({@code later}, {@code stop}) or through a handle that
 * only that thread uses, and joins the thread, with a bound, before it returns. Commands hold no
 * static mutable state, so separate instances may run on separate threads, each with its own
 * loop; they share the JVM's system properties, which {@code Main} sets from leading
 * {@code -Dname=value} arguments before any command runs.
 */
package dev.ioasync.examples;
