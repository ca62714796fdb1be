package dev.ioasync.bench.report;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Every measure of one run, keyed {@code source:name}: {@code perl-timers:timers_heap_...},
 * {@code java-echo:echo_pingpong_select_1proc_msg1}, {@code jmh:TimerBench.scheduleFire{backend=select,n=100000}}.
 * Loading the same source twice adds samples (two runs of coro.pl give two samples each).
 */
public final class Results {

    private final Map<String, Measure> all = new LinkedHashMap<>();

    /**
     * Adds measures under a source name.
     *
     * @param source e.g. {@code perl-coro}, {@code jmh}
     * @param measures name to measure
     * @return this
     */
    public Results add(String source, Map<String, Measure> measures) {
        measures.forEach((k, v) -> all.merge(source + ":" + k, v, Measure::plus));
        return this;
    }

    /**
     * Finds a measure. For JMH keys the parameters may be given as a subset in any order:
     * {@code jmh:TimerBench.scheduleFire{backend=select}} finds
     * {@code jmh:TimerBench.scheduleFire{backend=select,n=100000}}; a suffix such as
     * {@code :p50} follows the braces.
     *
     * @param key the key
     * @return the measure, empty when the run did not produce it
     */
    public Optional<Measure> get(String key) {
        Measure exact = all.get(key);
        if (exact != null || key.indexOf('{') < 0) {
            return Optional.ofNullable(exact);
        }
        int open = key.indexOf('{');
        int close = key.indexOf('}', open);
        String name = key.substring(0, open);
        String suffix = key.substring(close + 1);
        String[] wanted = key.substring(open + 1, close).split(",");
        return all.entrySet().stream()
                .filter(e -> e.getKey().startsWith(name + "{") && e.getKey().endsWith("}" + suffix))
                .filter(e -> {
                    String k = e.getKey();
                    String params = "," + k.substring(k.indexOf('{') + 1, k.lastIndexOf('}')) + ",";
                    for (String w : wanted) {
                        if (!params.contains("," + w + ",")) {
                            return false;
                        }
                    }
                    return true;
                })
                .map(Map.Entry::getValue)
                .findFirst();
    }

    /** @return how many measures there are */
    public int size() {
        return all.size();
    }
}
