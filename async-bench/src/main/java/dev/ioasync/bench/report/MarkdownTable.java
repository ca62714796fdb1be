package dev.ioasync.bench.report;

import java.util.ArrayList;
import java.util.List;

/** A GitHub-flavoured Markdown table: the first columns left-aligned (text), the others right-aligned (numbers). */
public final class MarkdownTable {

    private final List<String> header;
    private final int leftColumns;
    private final List<List<String>> rows = new ArrayList<>();

    /**
     * A table with these column headers, the first one left-aligned.
     *
     * @param header the headers, one per column
     */
    public MarkdownTable(List<String> header) {
        this(header, 1);
    }

    /**
     * A table with these column headers.
     *
     * @param header the headers, one per column
     * @param leftColumns how many leading columns hold text (left-aligned)
     */
    public MarkdownTable(List<String> header, int leftColumns) {
        this.header = List.copyOf(header);
        this.leftColumns = leftColumns;
    }

    /**
     * Adds a row; missing trailing cells are left empty.
     *
     * @param cells the cells, at most one per column
     * @return this
     */
    public MarkdownTable row(List<String> cells) {
        if (cells.size() > header.size()) {
            throw new IllegalArgumentException(cells.size() + " cells for " + header.size() + " columns");
        }
        List<String> r = new ArrayList<>(cells);
        while (r.size() < header.size()) {
            r.add("");
        }
        rows.add(r);
        return this;
    }

    /** @return the table, one line per row, ending in a newline */
    public String render() {
        StringBuilder b = new StringBuilder();
        line(b, header);
        List<String> sep = new ArrayList<>();
        for (int i = 0; i < header.size(); i++) {
            sep.add(i < leftColumns ? "---" : "---:");
        }
        line(b, sep);
        rows.forEach(r -> line(b, r));
        return b.toString();
    }

    private static void line(StringBuilder b, List<String> cells) {
        b.append("| ").append(String.join(" | ", cells.stream().map(c -> c.replace("|", "\\|")).toList())).append(" |\n");
    }
}
