package dev.ioasync.bench.report;

import java.util.Optional;

/**
 * One measurable part of a goal: either a measure against an absolute bound, or a measure's
 * advantage over a peer's against a factor. An absolute bound is a floor for rates and a ceiling
 * for costs ({@link Measure#isRate()}) unless the check says which.
 *
 * @param label what is checked, e.g. {@code select}
 * @param key the measure's {@link Results} key
 * @param peerKey the peer's key for a ratio check, {@code null} for an absolute one
 * @param bound the bound: a value in the measure's unit, or a factor
 * @param floor for an absolute check, whether the bound is a floor ({@code true}), a ceiling
 *     ({@code false}) or decided by the unit ({@code null}); for a ratio check, {@code false} makes
 *     it a {@linkplain #timesAtMost cost ratio}
 */
public record Check(String label, String key, String peerKey, double bound, Boolean floor) {

    /**
     * A cost ratio check: the measure (a time, a latency) divided by the peer's must be at most the
     * factor, e.g. a median latency at most 1.2 times the ceiling's.
     *
     * @param label what is checked
     * @param key the measure
     * @param peerKey the peer (the ceiling)
     * @param factor the largest measure/peer
     * @return the check
     */
    public static Check timesAtMost(String label, String key, String peerKey, double factor) {
        return new Check(label, key, peerKey, factor, false);
    }

    /**
     * An absolute check: at least the bound for rates, at most the bound for costs.
     *
     * @param label what is checked
     * @param key the measure
     * @param bound the bound
     * @return the check
     */
    public static Check value(String label, String key, double bound) {
        return new Check(label, key, null, bound, null);
    }

    /**
     * An absolute check with a floor, whatever the unit: e.g. connections held open.
     *
     * @param label what is checked
     * @param key the measure
     * @param bound the least value
     * @return the check
     */
    public static Check atLeast(String label, String key, double bound) {
        return new Check(label, key, null, bound, true);
    }

    /**
     * An absolute check with a ceiling, whatever the unit: e.g. messages dropped.
     *
     * @param label what is checked
     * @param key the measure
     * @param bound the largest value
     * @return the check
     */
    public static Check atMost(String label, String key, double bound) {
        return new Check(label, key, null, bound, false);
    }

    /**
     * A ratio check: the measure's advantage over the peer must be at least the factor.
     *
     * @param label what is checked
     * @param key the measure
     * @param peerKey the peer
     * @param factor the least advantage
     * @return the check
     */
    public static Check ratio(String label, String key, String peerKey, double factor) {
        return new Check(label, key, peerKey, factor, null);
    }

    /**
     * The outcome in one run.
     *
     * @param text what was measured, e.g. {@code select 15.4 M ops/s = 3.08x the goal} or {@code epoll 10.8x}
     * @param met whether the bound holds
     */
    public record Outcome(String text, boolean met) {
    }

    /**
     * Evaluates the check.
     *
     * @param r the run
     * @return the outcome, empty when the run lacks a measure it needs
     */
    public Optional<Outcome> evaluate(Results r) {
        Optional<Measure> m = r.get(key);
        if (m.isEmpty()) {
            return Optional.empty();
        }
        if (peerKey == null) {
            Measure v = m.get();
            boolean isFloor = floor != null ? floor : v.isRate();
            boolean met = isFloor ? v.median() >= bound : v.median() <= bound;
            double toGoal = isFloor ? v.median() / bound : bound / v.median();
            String text = label + " " + Fmt.cell(v) + " " + v.unit();
            if (bound != 0 && v.median() != 0 && Double.isFinite(toGoal)) {
                text += " = " + Fmt.ratio(toGoal) + " the goal";
            }
            return Optional.of(new Outcome(text, met));
        }
        Optional<Measure> p = r.get(peerKey);
        if (p.isEmpty()) {
            return Optional.empty();
        }
        if (p.get().median() == 0 || m.get().median() == 0) {   // a failed measurement, not a ratio
            return Optional.of(new Outcome(label + ": " + (p.get().median() == 0 ? "the peer" : "ours")
                    + " measured 0, no ratio", false));
        }
        if (Boolean.FALSE.equals(floor)) {
            double times = m.get().median() / p.get().median();
            return Optional.of(new Outcome(label + " " + Fmt.cell(m.get()) + " " + m.get().unit() + " = "
                    + Fmt.ratio(times) + " the ceiling's " + Fmt.cell(p.get()), times <= bound));
        }
        double f = m.get().advantageOver(p.get());
        return Optional.of(new Outcome(label + " " + Fmt.ratio(f) + " (" + Fmt.scaled(m.get().median()) + " / "
                + Fmt.scaled(p.get().median()) + ")", f >= bound));
    }
}
