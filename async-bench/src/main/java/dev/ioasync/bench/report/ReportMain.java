package dev.ioasync.bench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes BENCHMARKS.md (and, when the run has a {@code scaling/} folder, the scaling plots in
 * {@code benchmarks/} beside it) from the result folder of {@code run-all.sh}.
 *
 * <pre>
 * java -cp benchmarks.jar dev.ioasync.bench.report.ReportMain RESULTS_DIR BENCHMARKS.md [SECTIONS_DIR]
 * </pre>
 *
 * <p>{@code SECTIONS_DIR} (run-all.sh passes {@code async-bench/results}) keeps the hand-written
 * sections that no run generates, such as a before/after comparison: its {@code sections.txt}
 * names one Markdown file of that folder per line ({@code #} starts a comment), and each is
 * appended as it is, so that regenerating BENCHMARKS.md does not lose them.
 */
public final class ReportMain {

    private ReportMain() {
    }

    /**
     * Generates the report.
     *
     * @param args the result folder and the Markdown file to write
     * @throws IOException when a file cannot be read or written
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 2 && args.length != 3) {
            System.err.println("usage: ReportMain RESULTS_DIR BENCHMARKS.md [SECTIONS_DIR]");
            System.exit(2);
        }
        Path dir = Path.of(args[0]);
        Path md = Path.of(args[1]).toAbsolutePath();
        RunLoader loader = new RunLoader(dir);
        Results results = loader.load();
        System.setProperty("java.awt.headless", "true");
        List<String> charts = new ArrayList<>(ScalingCharts.write(new ScalingData(dir).charts(),
                md.getParent().resolve("benchmarks"), "benchmarks/"));
        String env = loader.text("timers/env.txt");
        String times = loader.text("times.txt");
        Path report = md;
        List<String> handWritten = args.length == 3 ? handWritten(Path.of(args[2])) : List.of();
        Files.writeString(report, new ReportWriter(results, env, times, charts, loader.missing(), handWritten).render());
        System.out.println("wrote " + report + " from " + results.size() + " measures in " + dir);
    }

    /** The Markdown files {@code sections.txt} names in the folder, in its order. */
    private static List<String> handWritten(Path folder) throws IOException {
        Path list = folder.resolve("sections.txt");
        List<String> out = new ArrayList<>();
        if (!Files.isRegularFile(list)) {
            return out;
        }
        for (String line : Files.readAllLines(list)) {
            String name = line.strip();
            if (name.isEmpty() || name.startsWith("#")) {
                continue;
            }
            Path md = folder.resolve(name);
            if (!Files.isRegularFile(md)) {
                throw new IOException(list + " names " + name + ", which is not a file in " + folder);
            }
            out.add(Files.readString(md));
        }
        return out;
    }
}
