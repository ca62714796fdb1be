package dev.ioasync.bench.report;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the {@code RESULT name=value unit} lines that the Perl anchors and the Java harnesses
 * print; every other line ({@code #} comments, logging) is skipped.
 */
public final class ResultLines {

    private static final Pattern LINE =
            Pattern.compile("^RESULT\\s+([\\w.-]+)=([-+0-9.eE]+|NaN)\\s*(\\S.*?)?\\s*$");

    private ResultLines() {
    }

    /**
     * Parses every RESULT line of a text; a name seen twice keeps both values as samples.
     *
     * @param text the output of one script or harness run
     * @return name to measure, in the order first seen
     */
    public static Map<String, Measure> parse(String text) {
        Map<String, Measure> out = new LinkedHashMap<>();
        for (String line : text.split("\\R")) {
            Matcher m = LINE.matcher(line.strip());
            if (m.matches()) {
                String unit = m.group(3) == null ? "" : m.group(3);
                out.merge(m.group(1), Measure.of(Double.parseDouble(m.group(2)), unit), Measure::plus);
            }
        }
        return out;
    }
}
