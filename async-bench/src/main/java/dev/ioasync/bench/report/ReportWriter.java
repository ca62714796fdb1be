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
    private final List<String> handWritten;

    /**
     * A writer for one run.
     *
     * @param results the measures
     * @param env the run's {@code timers/env.txt} (machine, Java and Perl versions)
     * @param times the run's {@code times.txt} (when each part ended, with the load)
     * @param charts the scaling plots, as Markdown links relative to BENCHMARKS.md
     * @param missing result files the run did not produce
     * @param handWritten hand-written Markdown sections kept across runs (each starting with its
     *     {@code ##} heading), appended as they are
     */
    public ReportWriter(Results results, String env, String times, List<String> charts, List<String> missing,
            List<String> handWritten) {
        this.handWritten = List.copyOf(handWritten);
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

                From the repository root (about 23 minutes on 2 cores; it builds `benchmarks.jar` and the Java
                anchors' jar when needed, finds a JDK 21+ by itself, and installs the Perl anchors' Debian
                packages with apt-get, saying so, if they are missing):

                ```sh
                bash async-bench/run-all.sh          # everything below, then this file and benchmarks/*.png
                ```

                The raw results go to `async-bench/target/bench-results/DATE/`. The Perl scripts are the
                anchors in `../shared/anchors/perl/` (or `$PERL_ANCHORS`), plus `async-bench/perl/echo_server.pl`.
                The independent raw-Netty and raw-JDK ceilings are the programs in `../shared/anchors/java/`
                (or `$ANCHORS_JAVA`), run once in the same run; the goals are checked against them and against
                the in-project ceilings (`NettyEchoHarness`, `HandOffCeiling`, the `ceiling*` JMH methods).
                Switches: `SCALING=0`, `MANYCONN=0`, `ANCHORS=0`, `SKIP_PERL=1` leave parts out.

                Every cell is the **median** of the samples, with the **spread** (min–max) in brackets when
                there is more than one sample: JMH's measured iterations over all forks, or one value per run
                of a script (the socket harnesses run three rounds, every system once per round; Perl's coro.pl
                runs twice, around the Java run; the echo-scaling points give one sample per second). A cell with
                no bracket is a single run. Ratios compare medians; **above 1 means ioasync-java is better** (faster, or smaller for
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
                Java: JMH average time per operation as a rate, one sample per measured iteration.""", Tables.timers(), """
                Why it is fast: timers whose deadlines never go backwards (every `after(d)` with one `d`) go to a
                FIFO run beside the binary heap, so scheduling, firing and cancelling them is O(1); other timers
                use the heap (O(log n)); equal deadlines keep insertion order in both. Perl without libheap-perl
                (Debian's default install) keeps its timers in a sorted array, quadratic in the number of timers.""");
        section(b, "Sockets (`EchoHarness`, `NettyEchoHarness` vs `echo_pingpong.pl`, `echo_throughput.pl`)", """
                1-byte ping-pong with `TCP_NODELAY` (1 process: server and client on one loop; 2 processes: the
                server in a child), and streaming with four 64 KiB chunks kept queued per writer, 64 KiB reads
                (MB = 10^6 bytes). Three rounds, each system once per round; io_uring is our backend on
                Netty's `IoUringIoHandler` (`-Dioasync.loop=io_uring`). The streaming writers hand the stream
                read-only duplicates of one direct chunk (`writeOwned`, no copy) and the echo server moves what
                it read with `writeFrom` (no copy: the direct buffer the socket was read into is handed over); the rows "through `write(byte[])`" write the chunk as a
                `byte[]` (one copy into a pooled direct buffer) and echo with `write(buf.takeAll())`, the
                IO::Async idiom and what the Perl script does.""", Tables.sockets(), """
                What makes ping-pong fast: a stream writes at the end of the loop iteration in which `write` was
                called instead of first asking the poller for write-readiness, which would cost two poller
                updates per message. Socket figures on two shared cores move by tens of percent between rounds;
                read the spreads before the ratios.""");
        for (String transport : List.of("epoll", "io_uring")) {
            section(b, "Sockets against raw Netty " + transport + " (`NettyEchoHarness` and the independent anchor)", """
                    Two ceilings from the same run: raw Netty 4.2 on its own `%s` event loop with a
                    `ServerBootstrap` in the project's `NettyEchoHarness` (three rounds, beside our harness), and
                    the independent anchor programs of `../shared/anchors/java` (`netty_pingpong`,
                    `netty_throughput`, run once by `run-all.sh`). Both write the echo with the void promise and
                    flush once per read burst, send duplicates of one unreleasable direct chunk (four 64 KiB
                    chunks queued, one flush, refilled when the last has gone) and read with a fixed 64 KiB
                    buffer. The anchor's ping-pong runs its "2 processes" row as two event loop threads in one
                    JVM; the harness's runs the server in a child JVM."""
                    .formatted(transport.equals("epoll") ? "EpollIoHandler" : "IoUringIoHandler"),
                    Tables.socketCeilings(transport), """
                    `in-project/anchor` near 1 shows the two ceilings agree; the goals table checks against both.""");
        }
        section(b, "Echo over many connections (`EchoScaling` vs `async-bench/perl/echo_server.pl`)", """
                The echo server runs in a process of its own: an ioasync `Stream` echo server on each backend, or
                Perl IO::Async's on its default loop (Epoll). The clients are the same for every server: N
                plain-NIO connections in a second JVM, each keeping one 16-byte message in flight (closed loop),
                1 s of warm-up, then one sample per second. Memory is the server's resident set (from
                `/proc/PID/status`) idle and with every connection open, and the Java server's heap after GC.""",
                Tables.echoScaling(), """
                One client thread drives every connection, so at high rates the client, not the server, may be
                the limit: the Java servers' figures are lower bounds. A stream reads into one 64 KiB buffer
                per loop thread, shared by all its streams (bytes stay there only until they are copied into the
                stream's own buffer); a buffer per stream would hold 640 MB of native memory at 10 000
                connections. A Java server's resident set is mostly heap that the collector sized for the
                allocation rate of the run, which is why it hardly moves from 10 to 10 000 connections; the
                heap after GC is what the connections themselves hold.""");
        section(b, "Function, Routine, Channel (`FunctionBench` vs `function_calls.pl`)", """
                Code `a + b`; Perl uses `model => "fork"`. Sequential rows are JMH sample mode (one call in
                flight; calls/s from the mean); pipelined rows keep 200 calls in flight.""", Tables.function(), """
                THREAD and VIRTUAL workers take their next call from the Function's queue as soon as they finish
                one, and their results reach the loop in batches, one wake-up per batch; a PROCESS worker gets
                one call at a time from the loop, so that a cancelled call never runs and a killed worker's
                queued calls go to its replacement. A child JVM starts with the serial collector and an
                application class-data-sharing archive that the first child writes (the first start of a new
                class path is slower). A Routine's channel message from another thread wakes the loop out of
                its poll, which is what bounds THREAD ping-pong.""");
        section(b, "Coro (`CoroBench`, `CoroBenchFallback`, `CoroMemory` vs `coro.pl`)", """
                Both mechanisms: continuations (`--add-exports java.base/jdk.internal.vm=ALL-UNNAMED`, the default
                of `bin/ioasync` and the examples) and the virtual-thread fallback (a plain `java -cp`). JMH
                1 fork, 2 × 1 s warm-up, 3 × 1 s. Perl: two runs of coro.pl, around the Java run. The goals are
                checked on continuations.""", Tables.coro(), """
                Why cede trails Perl: a switch is one `Continuation.yield` back to the scheduler plus one `run` of
                the next coro, and that bare pair already costs about what Perl's whole cede does
                (`async-bench/results/coro.md` has the CPU-time measurement). Everything that creates, wakes
                or hands over between coros is several times faster than Perl. The fallback parks and unparks a
                virtual thread per switch, which is why it is far slower.""");
        if (java.util.stream.Stream.of("select", "epoll", "io_uring", "netty-io_uring")
                .anyMatch(k -> results.get("manyconn:manyconn_" + k + "_conns").isPresent())) {
            section(b, "Many connections (`ManyConnHarness`)", """
                    N loopback connections held open for the run's duration, each echoing a 16-byte message once a
                    second through an ioasync echo server in its own JVM (or raw Netty on `IoUringIoHandler`, the
                    io_uring ceiling); the clients are plain NIO in a second JVM.
                    Heap, resident set and file descriptors are taken when sending has ended, every connection
                    still open.""", Tables.manyConnections(), """
                    Both backends hold every connection with nothing dropped. The select backend's p99 round trip
                    has been well above epoll's in every run so far; the cause has not been profiled.""");
        } else {
            b.append("## Many connections\n\nNot in this run (`MANYCONN=0`): `bash async-bench/run-all.sh` runs the ")
                    .append("10 000-connection run (60 s per backend, clients in a second process).\n\n");
        }
        for (String h : handWritten) {
            b.append(h.strip()).append("\n\n");
        }
        if (!charts.isEmpty()) {
            b.append("## Scaling curves\n\n");
            charts.forEach(c -> b.append(c).append("\n\n"));
        }
        return b.toString();
    }

    private void section(StringBuilder b, String title, String intro, ComparisonTable t, String notes) {
        b.append("## ").append(title).append("\n\n").append(intro.strip()).append("\n\n").append(t.render(results))
                .append('\n').append(notes.strip()).append("\n\n");
    }
}
