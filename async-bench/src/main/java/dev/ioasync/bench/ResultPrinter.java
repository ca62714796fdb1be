package dev.ioasync.bench.manyconn;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Prints the {@code RESULT name=value unit} lines the report generator reads, each name under a
 * common prefix.
 *
 * @param prefix e.g. {@code manyconn_epoll_}
 */
record Results(String prefix) {

    private static final PrintStream OUT = System.out;

    /**
     * Prints one result line.
     *
     * @param name the name after the prefix
     * @param value the value
     * @param unit its unit; ending in {@code /s} marks a rate
     */
    void put(String name, double value, String unit) {
        OUT.printf(Locale.ROOT, "RESULT %s%s=%.1f %s%n", prefix, name, value, unit);
        OUT.flush();
    }
}
