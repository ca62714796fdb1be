/**
 * The {@code ioasync} command and its runnable examples.
 *
 * <p>{@link dev.ioasync.examples.Main} sets the leading {@code -Dname=value} options and hands the
 * rest of the command line to picocli: each subcommand is its own annotated class
 * ({@link dev.ioasync.examples.BackendsCommand}, {@link dev.ioasync.examples.DemoCommand}, the
 * servers, {@code tail}, {@code run}, {@code help}), its options are fields, and its
 * {@code call()} returns the exit status. A usage error is one line plus a pointer to
 * {@code ioasync help COMMAND}, with status 2. Each demo example is a small class implementing
 * {@link dev.ioasync.examples.Example}; {@link dev.ioasync.examples.DemoCommand#EXAMPLES} lists
 * them, so adding one is a one-line change.
 *
 * <h2>Thread rules</h2>
 * A command runs on the thread that calls it and reads and writes only the streams it was given;
 * only {@code Main.main} touches {@code System.in}, {@code System.out}, {@code System.err} and
 * {@code System.exit}. The one other thread a command starts is {@code run}'s standard-input
 * feeder, which blocks on the given input stream and reaches the loop only through
 * {@code later}. An example is handed a {@link dev.ioasync.Loop} owned by the calling thread,
 * runs it on that thread, and every loop callback (and therefore every line it prints) happens
 * there too. An example that starts another thread (the pipe writer) reaches the loop only
 * through its thread-safe entry points ({@code later}, {@code stop}) or through a handle that
 * only that thread uses, and joins the thread, with a bound, before it returns. Commands hold no
 * static mutable state, so separate instances may run on separate threads, each with its own
 * loop; they share the JVM's system properties, which {@code Main} sets from leading
 * {@code -Dname=value} arguments before any command runs.
 */
package dev.ioasync.examples;
