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
 * java -cp benchmarks.jar dev.ioasync.bench.report.ReportMain RESULTS_DIR BENCHMARKS.md
 * </pre>
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
        if (args.length != 2) {
            System.err.println("usage: ReportMain RESULTS_DIR BENCHMARKS.md");
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
        Files.writeString(report, new ReportWriter(results, env, times, charts, loader.missing()).render());
        System.out.println("wrote " + report + " from " + results.size() + " measures in " + dir);
    }
}
