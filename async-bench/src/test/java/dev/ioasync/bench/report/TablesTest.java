package dev.ioasync.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ioasync.bench.report.ComparisonTable.Ratio;
import java.util.List;
import org.junit.jupiter.api.Test;

class TablesTest {

    private final Results r = FixtureRun.results();

    @Test
    void comparisonTableShowsMediansSpreadsAndRatios() {
        String md = new ComparisonTable(List.of("select", "epoll", "Perl"),
                List.of(new Ratio("select/Perl", 0, 2), new Ratio("epoll/Perl", 1, 2)))
                .row("ping-pong", "java-echo:echo_pingpong_select_1proc_msg1", "java-echo:echo_pingpong_epoll_1proc_msg1",
                        "perl-echo:echo_pingpong_default_1proc_msg1")
                .row("no Perl", "java-echo:echo_pingpong_select_1proc_msg1", null, null)
                .render(r);
        assertThat(md).isEqualTo("""
                | work | select | epoll | Perl | select/Perl | epoll/Perl |
                | --- | ---: | ---: | ---: | ---: | ---: |
                | ping-pong | 60.0 k | 50.0 k | 10.0 k | 6.00x | 5.00x |
                | no Perl | 60.0 k | – | – | – | – |
                """);
    }

    @Test
    void costsCompareTheOtherWayRound() {
        String md = Tables.coro().render(r);
        assertThat(md).contains("| bytes per idle coro blocked on a semaphore (heap after GC; Perl: RSS) "
                + "(continuations 1M, fallback and Perl 100k) | 525 | – | 3750 (3700–3800) | 7.14x | – |");
    }

    @Test
    void goalsAreMetPartlyMetOrNotMeasured() {
        String md = Goals.table(r);
        assertThat(md).contains("| streams | 1-byte ping-pong ≥ 6x Perl | select 6.00x (60.0 k / 10.0 k); epoll 5.00x (50.0 k / 10.0 k) | partly met |");
        assertThat(md).contains("| foundation | timers schedule+fire ≥ 5 M/s (Perl ~38k/s) | select 10.0 M (5.00–20.0) ops/s "
                + "= 2.00x the goal; epoll not measured; select/Perl 1000x (10.0 M / 10.0 k) | partly met |");
        assertThat(md).contains("| Coro | cede ≥ 1.2x Perl | cede not measured | not measured |");
    }

    @Test
    void reportHasEverySectionAndNamesMissingFiles() {
        RunLoader loader = new RunLoader(FixtureRun.dir());
        Results results = loader.load();
        String md = new ReportWriter(results, "env", "times", List.of("![timers](benchmarks/timers.png)"),
                loader.missing(), List.of()).render();
        assertThat(md).contains("## Goals at a glance", "## Timers", "## Sockets", "## Function", "## Coro",
                "## Many connections (", "## Scaling curves", "![timers](benchmarks/timers.png)", "`coro.json`");
    }

    @Test
    void echoScalingComparesEachServerWithPerl() {
        assertThat(Tables.echoScaling().render(r))
                .contains("| 10 connections, echoes/s | 50.0 k (40.0–60.0) | – | – | – | 10.0 k | 5.00x | – | – |")
                .contains("| server resident set, idle, MB | 50.0 | – | – | – | 15.0 | 0.30x | – | – |");
    }

    @Test
    void manyConnectionGoalNeedsEveryConnectionAndNothingDropped() {
        String md = Goals.table(r);
        assertThat(md).contains("| benchmarks | epoll: 10 000 connections held open and echoing for 60 s, nothing dropped "
                + "| held 10000 connections = 1.00x the goal; open at the end 10000 connections = 1.00x the goal; "
                + "dropped 0 msgs; closed 0 connections | met |");
        assertThat(md).contains("| benchmarks | select: 10 000 connections held open and echoing for 60 s, nothing dropped "
                + "| held not measured; open at the end not measured; dropped not measured; closed not measured | not measured |");
    }

    @Test
    void manyConnectionTableShowsEachBackend() {
        assertThat(Tables.manyConnections().render(r))
                .contains("| connections held open | – | 10000 |")
                .contains("| round trip p99, µs | – | 420 |")
                .contains("| messages dropped (sent, never echoed) | – | 0 |");
    }
}
