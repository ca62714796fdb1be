package dev.ioasync.bench.report;

import java.util.List;

/**
 * Writes BENCHMARKS.md from one run: how to reproduce it, the machine, the goals at a glance,
 * one side-by-side table per topic and links to the scaling plots.
 */
public final class ReportWriter {

    private final Results results;
    private final String env;
    private final String times;
    private final List<String> charts;
    private final List<String> missing;

    /**
     * A writer for one run.
     *
     * @param results the measures
     * @param env the run's {@code timers/env.txt} (machine, Java and Perl versions)
     * @param times the run's {@code times.txt} (when each part ended, with the load)
     * @param charts the scaling plots, as Markdown links relative to BENCHMARKS.md
     * @param missing result files the run did not produce
     */
    public ReportWriter(Results results, String env, String times, List<String> charts, List<String> missing) {
        this.results = results;
        this.env = env;
        this.times = times;
        this.charts = List.copyOf(charts);
        this.missing = List.copyOf(missing);
    }

    /** @return the whole Markdown document */
    public String render() {
        StringBuilder b = new StringBuilder();
        b.append("""
                # Benchmarks

                ioasync-java's speed next to Perl's IO::Async and Coro doing the same work on the same machine,
                in one run, one benchmark after another, with raw Netty as the ceiling for socket work and the
                JDK's `ThreadPoolExecutor` for worker pools. The code is in `async-bench/` (JMH and side-by-side
                harnesses); benchmarks never run in the test suite. **This file is generated** by
                `dev.ioasync.bench.report.ReportMain` at the end of `run-all.sh`; do not edit it by hand.

                ## Reproduce

                From the repository root (under 20 minutes on 2 cores; it builds `benchmarks.jar` when needed,
                finds a JDK 21+ by itself, and installs the Perl modules with apt-get if they are missing):

                ```sh
                bash async-bench/run-all.sh          # everything below, then this file and benchmarks/*.png
                ```

                Every cell is the **median** of the samples, with the **spread** (min–max) in brackets when
                there is more than one sample: JMH's measured iterations over all forks, or one value per run
                of a script (Perl's coro.pl runs twice, around the Java run). A cell with no bracket is a single
                run. Ratios compare medians; **above 1 means ioasync-java is better** (faster, or smaller for
                latencies and memory). Two shared cores: treat one significant figure as solid; socket numbers
                in particular move by tens of percent from one run to the next. Raw results of committed runs,
                and earlier single-topic write-ups with profiles, are in [`async-bench/results/`](async-bench/results/).

                """);
        b.append("## The run\n\n```\n").append(env.strip()).append("\n").append(times.strip()).append("\n```\n\n");
        if (!missing.isEmpty()) {
            b.append("Not produced by this run (rows that need them show `–`): `")
                    .append(String.join("`, `", missing)).append("`.\n\n");
        }
        b.append("## Goals at a glance\n\n").append(Goals.table(results)).append('\n');
        section(b, "Timers and deferred calls (`TimerBench`, `LaterBench`, `WakeupBench` vs `timers.pl`)", """
                N = 100 000 timers per batch (50 000 countdowns), as in timers.pl; Perl with Heap::Fibonacci.
                Java: JMH average time per operation as a rate, one sample per measured iteration.""", Tables.timers());
        section(b, "Sockets (`EchoHarness`, `NettyEchoHarness` vs `echo_pingpong.pl`, `echo_throughput.pl`)", """
                1-byte ping-pong with `TCP_NODELAY` (1 process: server and client on one loop; 2 processes: the
                server in a child), and streaming with four 64 KiB chunks kept queued per writer, 64 KiB reads
                (MB = 10^6 bytes). Raw Netty: its own `EpollIoHandler` loop with a `ServerBootstrap`.""",
                Tables.sockets());
        section(b, "Function, Routine, Channel (`FunctionBench` vs `function_calls.pl`)", """
                Code `a + b`; Perl uses `model => "fork"`. Sequential rows are JMH sample mode (one call in
                flight; calls/s from the mean); pipelined rows keep 200 calls in flight.""", Tables.function());
        section(b, "Coro (`CoroBench`, `CoroMemory` vs `coro.pl`)", """
                Continuation mechanism (`--add-exports java.base/jdk.internal.vm=ALL-UNNAMED`).""", Tables.coro());
        if (results.get("manyconn:manyconn_epoll_conns").isPresent() || results.get("manyconn:manyconn_select_conns").isPresent()) {
            section(b, "Many connections (`ManyConnHarness`, run with `MANYCONN=1`)", """
                    N loopback connections held open for the run's duration, each echoing a 16-byte message once a
                    second through an ioasync echo server in its own JVM; the clients are plain NIO in a second JVM.
                    Heap and file descriptors are taken when sending has ended, every connection still open.""", Tables.manyConnections());
        } else {
            b.append("## Many connections\n\nNot in this run: `MANYCONN=1 bash async-bench/run-all.sh` adds the ")
                    .append("10 000-connection run (60 s per backend, clients in a second process).\n\n");
        }
        if (!charts.isEmpty()) {
            b.append("## Scaling curves\n\n");
            charts.forEach(c -> b.append(c).append("\n\n"));
        }
        return b.toString();
    }

    private void section(StringBuilder b, String title, String intro, ComparisonTable t) {
        b.append("## ").append(title).append("\n\n").append(intro.strip()).append("\n\n").append(t.render(results)).append('\n');
    }
}
