package dev.ioasync.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ResultsTest {

    private final Results r = FixtureRun.results();

    @Test
    void findsJmhKeysByAnySubsetOfParameters() {
        assertThat(r.get("jmh:TimerBench.scheduleFire{backend=select}")).isPresent();
        assertThat(r.get("jmh:TimerBench.scheduleFire{n=100000,backend=select}")).isPresent();
        assertThat(r.get("jmh:TimerBench.scheduleFire{backend=epoll}")).isEmpty();
        assertThat(r.get("jmh:WakeupBench.wakeBlockedLoop{backend=epoll}:p99").orElseThrow().median()).isEqualTo(17.5);
    }

    @Test
    void twoRunsOfAScriptAreTwoSamples() {
        Measure cede = r.get("perl-coro:coro_cede_2coros").orElseThrow();
        assertThat(cede.values()).containsExactly(4e6, 6e6);
        assertThat(r.get("coromem1000000:coro_idle_memory_heap").orElseThrow().median()).isEqualTo(525.0);
    }

    @Test
    void loaderNamesTheFilesTheRunLacks() {
        RunLoader loader = new RunLoader(FixtureRun.dir());
        loader.load();
        assertThat(loader.missing()).contains("perl-function.txt", "function.json", "coro.json")
                .doesNotContain("timers/jmh.json");
    }
}
