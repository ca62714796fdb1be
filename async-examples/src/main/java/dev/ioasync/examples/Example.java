package dev.ioasync.examples;

import dev.ioasync.Loop;
import java.io.PrintStream;

/**
 * One runnable example for {@code ioasync demo}: a short program on a loop that prints what
 * happens. An example must end by itself within a second or so, bound every wait it makes, and
 * leave the loop with nothing pending (the loop is closed after it).
 */
public interface Example {

    /** {@return the short name {@code ioasync demo NAME} takes, for example {@code timers}} */
    String name();

    /** {@return one line saying what the example shows} */
    String summary();

    /**
     * Runs the example.
     *
     * @param loop a fresh loop owned by the calling thread
     * @param out where to print what happens
     * @throws Exception when the example cannot complete; {@code demo} reports it and fails
     */
    void run(Loop loop, PrintStream out) throws Exception;
}
