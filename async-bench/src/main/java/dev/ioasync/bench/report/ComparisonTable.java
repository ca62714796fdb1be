package dev.ioasync.bench.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A side-by-side table: one row per piece of work, one column per system (each cell the median
 * and spread of that system's measure), then ratio columns, each comparing one system's column
 * with its goal peer's. A ratio above 1 means the first system is better (faster or smaller).
 */
public final class ComparisonTable {

    /**
     * A ratio column.
     *
     * @param header its header, e.g. {@code epoll/Perl}
     * @param subject the index of the measured system's column (0 = the first system)
     * @param peer the index of the peer's column
     */
    public record Ratio(String header, int subject, int peer) {
    }

    private final List<String> systems;
    private final List<Ratio> ratios;
    private final List<String> works = new ArrayList<>();
    private final List<List<String>> keys = new ArrayList<>();

    /**
     * A table comparing these systems.
     *
     * @param systems the system column headers
     * @param ratios the ratio columns
     */
    public ComparisonTable(List<String> systems, List<Ratio> ratios) {
        this.systems = List.copyOf(systems);
        this.ratios = List.copyOf(ratios);
    }

    /**
     * Adds a row.
     *
     * @param work what is measured
     * @param systemKeys one {@link Results} key per system, {@code null} where a system does not do this work
     * @return this
     */
    public ComparisonTable row(String work, String... systemKeys) {
        if (systemKeys.length != systems.size()) {
            throw new IllegalArgumentException(work + ": " + systemKeys.length + " keys for " + systems.size() + " systems");
        }
        works.add(work);
        keys.add(java.util.Arrays.asList(systemKeys));
        return this;
    }

    /**
     * Renders the table from one run's results; a measure the run lacks shows as {@code –}.
     *
     * @param results the run
     * @return Markdown
     */
    public String render(Results results) {
        List<String> header = new ArrayList<>();
        header.add("work");
        header.addAll(systems);
        ratios.forEach(r -> header.add(r.header()));
        MarkdownTable t = new MarkdownTable(header);
        for (int i = 0; i < works.size(); i++) {
            List<Optional<Measure>> ms = keys.get(i).stream()
                    .map(k -> k == null ? Optional.<Measure>empty() : results.get(k)).toList();
            List<String> cells = new ArrayList<>();
            cells.add(works.get(i));
            ms.forEach(m -> cells.add(m.map(Fmt::cell).orElse("–")));
            for (Ratio r : ratios) {
                Optional<Measure> s = ms.get(r.subject());
                Optional<Measure> p = ms.get(r.peer());
                cells.add(s.isPresent() && p.isPresent() ? Fmt.ratio(s.get().advantageOver(p.get())) : "–");
            }
            t.row(cells);
        }
        return t.render();
    }
}
