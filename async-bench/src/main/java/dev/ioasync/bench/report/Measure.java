package dev.ioasync.bench.report;

import java.util.ArrayList;
import java.util.List;

/**
 * One measured quantity: every sample taken of it (JMH iterations, or one value per run of a
 * script) and its unit. Units ending in {@code /s} are rates (higher is better); all others
 * ({@code us}, {@code ms}, {@code bytes/coro}) are costs (lower is better).
 *
 * @param values the samples, at least one
 * @param unit the unit, e.g. {@code ops/s}, {@code us}
 */
public record Measure(List<Double> values, String unit) {

    /**
     * Copies the samples.
     *
     * @param values the samples
     * @param unit the unit
     */
    public Measure {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("a measure needs at least one value");
        }
        values = List.copyOf(values);
    }

    /**
     * A measure of one sample.
     *
     * @param value the sample
     * @param unit the unit
     * @return the measure
     */
    public static Measure of(double value, String unit) {
        return new Measure(List.of(value), unit);
    }

    /**
     * This measure with the other's samples added (the same quantity, measured again).
     *
     * @param other another measure of the same unit
     * @return both sets of samples together
     */
    public Measure plus(Measure other) {
        List<Double> all = new ArrayList<>(values);
        all.addAll(other.values);
        return new Measure(all, unit);
    }

    /** @return the median of the samples */
    public double median() {
        List<Double> s = sorted();
        int n = s.size();
        return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }

    /** @return the smallest sample */
    public double min() {
        return sorted().get(0);
    }

    /** @return the largest sample */
    public double max() {
        return sorted().get(values.size() - 1);
    }

    /**
     * @return whether a larger value is better (the unit is a rate; a note after the unit, as in
     *     {@code calls/s (median of 7 rounds)}, does not count)
     */
    public boolean isRate() {
        int note = unit.indexOf(' ');
        return (note < 0 ? unit : unit.substring(0, note)).endsWith("/s");
    }

    /**
     * How many times better this is than a peer: this/peer for rates, peer/this for costs.
     *
     * @param peer the measure compared against
     * @return the factor, above 1 when this one is better
     */
    public double advantageOver(Measure peer) {
        return isRate() ? median() / peer.median() : peer.median() / median();
    }

    private List<Double> sorted() {
        return values.stream().sorted().toList();
    }
}
