package dev.ioasync.bench;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Prints the {@code RESULT name=value unit} lines that the report generator
 * ({@code dev.ioasync.bench.report.ResultLines}) reads, as the Perl anchors print them, each name
 * under a common prefix.
 *
 * @param prefix e.g. {@code manyconn_epoll_}, or empty
 */
public record ResultPrinter(String prefix) {

    private static final PrintStream OUT = System.out;

    /** Names printed as they are. */
    public static final ResultPrinter PLAIN = new ResultPrinter("");

    /**
     * Prints one result line, flushed at once.
     *
     * @param name the name after the prefix
     * @param value the value, with one decimal
     * @param unit its unit; ending in {@code /s} marks a rate
     */
    public void put(String name, double value, String unit) {
        OUT.printf(Locale.ROOT, "RESULT %s%s=%.1f %s%n", prefix, name, value, unit);
        OUT.flush();
    }
}
