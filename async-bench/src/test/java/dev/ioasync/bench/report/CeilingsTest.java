package dev.ioasync.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ceilings of the report: the independent anchors beside the in-project harness, and the goals against them. */
class CeilingsTest {

    private final Results r = FixtureRun.results();

    @Test
    void socketRowsShowOursTheInProjectCeilingAndTheAnchor() {
        assertThat(Tables.socketCeilings("epoll").render(r))
                .contains("| streaming echo, 1 connection, MB/s | 1200 | 1400 | 1500 | 0.86x | 0.80x | 0.93x |")
                .contains("| streaming one-way, 1 connection, MB/s | – | – | – | – | – | – |");
    }

    @Test
    void socketGoalIsCheckedAgainstBothCeilingsAndNamesWhatIsMissing() {
        assertThat(Goals.table(r)).contains("echo 1 conn vs in-project 0.86x (1200 / 1400); "
                + "echo 1 conn vs anchor 0.80x (1200 / 1500); one-way 100 conn vs in-project not measured");
    }

    @Test
    void aLatencyIsCheckedAsTimesTheCeiling() {
        Check c = Check.timesAtMost("1 worker", "jmh:FunctionBench.sequential{model=PROCESS,workers=1}:p50",
                "anchors:jdk_function_process_w1_sequential_median_latency", 1.2);
        Results within = new Results().add("anchors", Map.of("jdk_function_process_w1_sequential_median_latency",
                Measure.of(50, "us"))).add("jmh", Map.of("FunctionBench.sequential{model=PROCESS,workers=1}:p50",
                Measure.of(55, "us")));
        Results beyond = new Results().add("anchors", Map.of("jdk_function_process_w1_sequential_median_latency",
                Measure.of(50, "us"))).add("jmh", Map.of("FunctionBench.sequential{model=PROCESS,workers=1}:p50",
                Measure.of(65, "us")));
        assertThat(c.evaluate(within).orElseThrow())
                .isEqualTo(new Check.Outcome("1 worker 55.0 us = 1.10x the ceiling's 50.0", true));
        assertThat(c.evaluate(beyond).orElseThrow().met()).isFalse();
        assertThat(c.evaluate(new Results())).isEmpty();
    }

    @Test
    void aCeilingThatMeasuredZeroIsNoRatioAndNotMet() {
        Results zero = new Results().add("java-echo", Map.of("a", Measure.of(29, "MB/s"), "b", Measure.of(0, "MB/s")));
        assertThat(Check.ratio("100 conns", "java-echo:a", "java-echo:b", 0.9).evaluate(zero).orElseThrow())
                .isEqualTo(new Check.Outcome("100 conns: the peer measured 0, no ratio", false));
    }

    @Test
    void goalsWhoseProducerIsNotThereShowAsNotMeasured() {
        assertThat(Goals.table(r))
                .contains("| #18 | with spare child JVMs started ahead: first result < 10 ms (Perl's fork ~9.6 ms) "
                        + "| spare (`ChildStartHarness`) not measured; spare (JMH) not measured | not measured |")
                .contains("| #19 | io_uring ahead of our epoll on every streaming row |");
    }

    @Test
    void handWrittenSectionsListedInSectionsTxtAreKept(@TempDir Path tmp) throws Exception {
        Path sections = Files.createDirectories(tmp.resolve("results"));
        Files.writeString(sections.resolve("sections.txt"), "# a comment\nbefore-after.md\n");
        Files.writeString(sections.resolve("before-after.md"), "## Before and after\n\nWritten by hand.\n");
        Path md = tmp.resolve("BENCHMARKS.md");
        ReportMain.main(new String[] {FixtureRun.dir().toString(), md.toString(), sections.toString()});
        assertThat(Files.readString(md)).contains("## Before and after\n\nWritten by hand.\n", "## Goals at a glance",
                "## Sockets against raw Netty io_uring");
    }

    @Test
    void aSectionsListNamingAMissingFileFails(@TempDir Path tmp) throws Exception {
        Files.writeString(tmp.resolve("sections.txt"), "gone.md\n");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ReportMain.main(new String[] {
            FixtureRun.dir().toString(), tmp.resolve("B.md").toString(), tmp.toString()}))
                .hasMessageContaining("names gone.md");
    }

    @Test
    void writerAppendsHandWrittenSections() {
        String md = new ReportWriter(r, "env", "times", List.of(), List.of(), List.of("## Kept\n\ntext\n")).render();
        assertThat(md).contains("## Kept\n\ntext\n");
    }
}
