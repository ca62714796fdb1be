package dev.ioasync.bench.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A performance goal named in an issue, with the checks that decide it; it is met when every
 * check holds. Checks that are shown for information only (a ratio across two JVMs whose figures
 * each settle in one of several modes per JVM, so that the ratio follows the modes) are listed
 * after the deciding ones and do not count.
 *
 * @param issue the issue (area) that named it
 * @param text the goal as the issue states it
 * @param checks what is measured for it, deciding
 * @param shown what is shown beside it, not deciding
 */
public record Goal(String issue, String text, List<Check> checks, List<Check> shown) {

    /**
     * Copies the checks.
     *
     * @param issue the issue
     * @param text the goal
     * @param checks the deciding checks
     * @param shown the checks shown for information
     */
    public Goal {
        checks = List.copyOf(checks);
        shown = List.copyOf(shown);
    }

    /**
     * A goal whose checks all decide.
     *
     * @param issue the issue
     * @param text the goal
     * @param checks the checks
     */
    public Goal(String issue, String text, List<Check> checks) {
        this(issue, text, checks, List.of());
    }

    /**
     * The goal's row of the goals table: issue, goal, measured, status.
     *
     * @param r the run
     * @return the four cells
     */
    public List<String> row(Results r) {
        List<String> texts = new ArrayList<>();
        int met = 0;
        int measured = 0;
        for (Check c : checks) {
            Optional<Check.Outcome> o = c.evaluate(r);
            if (o.isEmpty()) {
                texts.add(c.label() + " not measured");
                continue;
            }
            measured++;
            texts.add(o.get().text());
            if (o.get().met()) {
                met++;
            }
        }
        for (Check c : shown) {
            Optional<Check.Outcome> o = c.evaluate(r);
            texts.add("information, not deciding: " + (o.isEmpty() ? c.label() + " not measured" : o.get().text()));
        }
        String status = measured == 0 ? "not measured"
                : met == checks.size() ? "met"
                : met == 0 ? "not met" : "partly met";
        return List.of(issue, text, String.join("; ", texts), status);
    }
}
