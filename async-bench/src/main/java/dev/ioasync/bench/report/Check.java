package dev.ioasync.bench.report;

import java.util.Optional;

/**
 * One measurable part of a goal: either a measure against an absolute bound (at least the bound
 * for rates, at most for costs), or a measure's advantage over a peer's against a factor.
 *
 * @param label what is checked, e.g. {@code select}
 * @param key the measure's {@link Results} key
 * @param peerKey the peer's key for a ratio check, {@code null} for an absolute one
 * @param bound the bound: a value in the measure's unit, or a factor
 */
public record Check(String label, String key, String peerKey, double bound) {

    /**
     * An absolute check.
     *
     * @param label what is checked
     * @param key the measure
     * @param bound at least this for rates, at most this for costs
     * @return the check
     */
    public static Check value(String label, String key, double bound) {
        return new Check(label, key, null, bound);
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
        return new Check(label, key, peerKey, factor);
    }

    /**
     * The outcome in one run.
     *
     * @param text what was measured, e.g. {@code select 15.4 M ops/s} or {@code epoll 10.8x}
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
            boolean met = v.isRate() ? v.median() >= bound : v.median() <= bound;
            return Optional.of(new Outcome(label + " " + Fmt.cell(v) + " " + v.unit(), met));
        }
        Optional<Measure> p = r.get(peerKey);
        if (p.isEmpty()) {
            return Optional.empty();
        }
        double f = m.get().advantageOver(p.get());
        return Optional.of(new Outcome(label + " " + Fmt.ratio(f), f >= bound));
    }
}
