package dev.ioasync.bench.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a JMH {@code -rf json} result file into measures. Keys are
 * {@code Class.method{param=value,...}} (no braces without parameters).
 *
 * <ul>
 *   <li>average-time and throughput modes: one rate sample (ops/s) per measured iteration of
 *       every fork, converted from the score unit;</li>
 *   <li>sample mode: the rate from the mean ({@code ops/s}, one sample), and
 *       {@code key:p50}, {@code key:p99} latencies in {@code us};</li>
 *   <li>single-shot mode: every iteration's time in {@code ms}.</li>
 * </ul>
 */
public final class JmhJson {

    private JmhJson() {
    }

    /**
     * Parses a JMH JSON result file's text.
     *
     * @param text the file's content
     * @return key to measure
     */
    public static Map<String, Measure> parse(String text) {
        Map<String, Measure> out = new LinkedHashMap<>();
        for (Object o : (List<?>) Json.parse(text)) {
            Map<?, ?> bm = (Map<?, ?>) o;
            String key = key(bm);
            Map<?, ?> metric = (Map<?, ?>) bm.get("primaryMetric");
            String unit = (String) metric.get("scoreUnit");
            String mode = (String) bm.get("mode");
            switch (mode) {
                case "sample" -> {
                    out.put(key, Measure.of(toRate(Json.number(metric.get("score")), unit), "ops/s"));
                    Map<?, ?> pct = (Map<?, ?>) metric.get("scorePercentiles");
                    out.put(key + ":p50", Measure.of(toMicros(Json.number(pct.get("50.0")), unit), "us"));
                    out.put(key + ":p99", Measure.of(toMicros(Json.number(pct.get("99.0")), unit), "us"));
                }
                case "ss" -> out.put(key, new Measure(raw(metric).stream()
                        .map(v -> toMicros(v, unit) / 1e3).toList(), "ms"));
                default -> out.put(key, new Measure(raw(metric).stream().map(v -> toRate(v, unit)).toList(), "ops/s"));
            }
        }
        return out;
    }

    private static String key(Map<?, ?> bm) {
        String full = (String) bm.get("benchmark");
        String[] parts = full.split("\\.");
        String name = parts[parts.length - 2] + "." + parts[parts.length - 1];
        if (!(bm.get("params") instanceof Map<?, ?> params) || params.isEmpty()) {
            return name;
        }
        List<String> kv = new ArrayList<>();
        params.forEach((k, v) -> kv.add(k + "=" + v));
        return name + "{" + String.join(",", kv) + "}";
    }

    private static List<Double> raw(Map<?, ?> metric) {
        List<Double> all = new ArrayList<>();
        if (metric.get("rawData") instanceof List<?> forks) {
            for (Object fork : forks) {
                for (Object v : (List<?>) fork) {
                    all.add(Json.number(v));
                }
            }
        }
        if (all.isEmpty()) {
            all.add(Json.number(metric.get("score")));
        }
        return all;
    }

    /** A score in the given JMH unit as operations per second. */
    static double toRate(double v, String unit) {
        return switch (unit) {
            case "ops/s" -> v;
            case "ops/ms" -> v * 1e3;
            case "ops/us" -> v * 1e6;
            case "ops/ns" -> v * 1e9;
            default -> 1e6 / toMicros(v, unit);
        };
    }

    /** A time per operation in the given JMH unit as microseconds. */
    static double toMicros(double v, String unit) {
        return switch (unit) {
            case "ns/op" -> v / 1e3;
            case "us/op" -> v;
            case "ms/op" -> v * 1e3;
            case "s/op" -> v * 1e6;
            default -> throw new IllegalArgumentException("not a time unit: " + unit);
        };
    }
}
