package dev.ioasync.bench.report;

import java.util.List;

/** The performance goals the project's issues name, as checks against one run. */
public final class Goals {

    private Goals() {
    }

    private static final String PERL_PP = "perl-echo:echo_pingpong_default_1proc_msg1";
    private static final String PERL_ST = "perl-echo:echo_throughput_oneway_1conn";

    private static String pp(String backend) {
        return "java-echo:echo_pingpong_" + backend + "_1proc_msg1";
    }

    private static String st(String backend) {
        return "java-echo:echo_throughput_" + backend + "_oneway_1conn";
    }

    private static String fn(String bench, String params) {
        return "jmh:FunctionBench." + bench + "{" + params + "}";
    }

    /** @return every goal, in the order of the issues */
    public static List<Goal> all() {
        return List.of(
                new Goal("foundation", "timers schedule+fire ≥ 5 M/s (Perl ~38k/s)", List.of(
                        Check.value("select", "jmh:TimerBench.scheduleFire{backend=select}", 5e6),
                        Check.value("epoll", "jmh:TimerBench.scheduleFire{backend=epoll}", 5e6),
                        Check.ratio("select/Perl", "jmh:TimerBench.scheduleFire{backend=select}",
                                "perl-timers:timers_heap_watch_time_schedule_plus_fire", 1))),
                new Goal("streams", "1-byte ping-pong ≥ 6x Perl", List.of(
                        Check.ratio("select", pp("select"), PERL_PP, 6),
                        Check.ratio("epoll", pp("epoll"), PERL_PP, 6))),
                new Goal("streams", "streaming ≥ 8x Perl (one-way, 1 connection)", List.of(
                        Check.ratio("select", st("select"), PERL_ST, 8),
                        Check.ratio("epoll", st("epoll"), PERL_ST, 8))),
                new Goal("backends", "epoll ≥ 0.9x raw Netty, ping-pong and streaming", List.of(
                        Check.ratio("ping-pong", pp("epoll"), pp("netty-epoll"), 0.9),
                        Check.ratio("streaming", st("epoll"), st("netty-epoll"), 0.9))),
                new Goal("backends", "epoll ≥ 6x Perl", List.of(
                        Check.ratio("ping-pong", pp("epoll"), PERL_PP, 6),
                        Check.ratio("streaming", st("epoll"), PERL_ST, 6))),
                new Goal("Function", "PROCESS, 2 workers, ≥ 50k calls/s pipelined", List.of(
                        Check.value("PROCESS", fn("pipelined", "model=PROCESS,workers=2"), 50e3),
                        Check.ratio("vs Perl", fn("pipelined", "model=PROCESS,workers=2"),
                                "perl-function:function_w2_pipelined200", 1))),
                new Goal("Function", "PROCESS median latency ≤ 40 µs", List.of(
                        Check.value("1 worker", fn("sequential", "model=PROCESS,workers=1") + ":p50", 40),
                        Check.value("2 workers", fn("sequential", "model=PROCESS,workers=2") + ":p50", 40))),
                new Goal("Function", "THREAD ≥ 0.8x a ThreadPoolExecutor", List.of(
                        Check.ratio("1 call in flight", fn("sequential", "model=THREAD,workers=1"),
                                fn("executorSequential", "workers=1"), 0.8),
                        Check.ratio("200 in flight, 2 workers", fn("pipelined", "model=THREAD,workers=2"),
                                fn("executorPipelined", "workers=2"), 0.8))),
                new Goal("Routine", "channel ping-pong ≥ 40k/s PROCESS, ≥ 500k/s THREAD", List.of(
                        Check.value("PROCESS", fn("pingPong", "model=PROCESS"), 40e3),
                        Check.value("THREAD", fn("pingPong", "model=THREAD"), 500e3))),
                new Goal("Routine", "first result from a fresh child JVM ≤ 150 ms", List.of(
                        Check.value("PROCESS", "jmh:FunctionBench.processStartToFirstResult", 150))),
                new Goal("Coro", "cede ≥ 1.2x Perl", List.of(
                        Check.ratio("cede", "jmh:CoroBench.cede2Coros", "perl-coro:coro_cede_2coros", 1.2))),
                new Goal("Coro", "async+join ≥ 3x Perl", List.of(
                        Check.ratio("async+join", "jmh:CoroBench.asyncJoin", "perl-coro:coro_create_join", 3))),
                new Goal("Coro", "semaphore ping-pong ≥ 1.5x Perl", List.of(
                        Check.ratio("semaphore", "jmh:CoroBench.semaphorePingPong",
                                "perl-coro:coro_semaphore_pingpong", 1.5))),
                new Goal("Coro", "≤ 1 KB per idle coro; 1M idle coros in a 1 GB heap", List.of(
                        Check.value("1M coros in -Xmx1g", "coromem1000000:coro_idle_memory_heap", 1024),
                        Check.ratio("vs Perl", "coromem1000000:coro_idle_memory_heap",
                                "perl-coro:coro_idle_memory", 1))),
                manyConnections("select"),
                manyConnections("epoll"),
                socketsAtTheCeiling("#18", "epoll", false),
                new Goal("#18", "Function PROCESS, 2 workers, 200 in flight ≥ 0.5x the pipelined ceiling (child JVMs over pipes)",
                        List.of(Check.ratio("vs anchor, depth 16 (default), steady", "jmh:FunctionProcessBench.steady{depth=16}",
                                        ANCHOR + "jdk_function_process_w2_pipelined200", 0.5),
                                Check.ratio("vs anchor, FunctionBench bursts", fn("pipelined", "model=PROCESS,workers=2"),
                                        ANCHOR + "jdk_function_process_w2_pipelined200", 0.5))),
                new Goal("#18", "Function PROCESS median latency, 1 call in flight, ≤ 1.2x the ceiling", List.of(
                        Check.atMost("1 worker, select, interleaved with the anchor's calls (`ProcessLatencyHarness`)",
                                "process-latency:function_process_w1_sequential_select_over_anchor_median_latency", 1.2),
                        Check.atMost("1 worker, epoll, interleaved with the anchor's calls (`ProcessLatencyHarness`)",
                                "process-latency:function_process_w1_sequential_epoll_over_anchor_median_latency", 1.2),
                        Check.timesAtMost("1 worker", fn("sequential", "model=PROCESS,workers=1") + ":p50",
                                ANCHOR + "jdk_function_process_w1_sequential_median_latency", 1.2),
                        Check.timesAtMost("2 workers", fn("sequential", "model=PROCESS,workers=2") + ":p50",
                                ANCHOR + "jdk_function_process_w2_sequential_median_latency", 1.2))),
                new Goal("#18", "fresh child JVM, start to first result ≤ 1.5x a bare `java -cp` worker", List.of(
                        Check.timesAtMost("PROCESS vs the bare worker, interleaved in the same run (`ChildStartHarness`)",
                                "child-start:child_start_fresh_ioasync", "child-start:child_start_fresh_bare_java_cp", 1.5),
                        Check.timesAtMost("PROCESS (JMH) vs the anchor", "jmh:FunctionBench.processStartToFirstResult",
                                ANCHOR + "jdk_function_process_w1_startup", 1.5))),
                new Goal("#18", "with spare child JVMs started ahead: first result < 10 ms (Perl's fork ~9.6 ms)", List.of(
                        Check.value("spare (`ChildStartHarness`)", "child-start:child_start_spare_ioasync", 10),
                        Check.value("spare (JMH)", SPARE_START, 10))),
                new Goal("#18", "Coro fallback cede ≥ 0.5x the virtual-thread hand-off ceiling", List.of(
                        Check.atLeast("vs the anchor's vt scheduler, interleaved pairs in one JVM (`CoroFallbackCpu`)",
                                "coro-fallback:coro_fallback_cede_over_anchor_vt", 0.5),
                        Check.atLeast("vs the anchor's vt1 (one carrier), interleaved pairs in one JVM",
                                "coro-fallback-vt1:coro_fallback_cede_over_anchor_vt1", 0.5),
                        Check.ratio("vs in-project (JMH, same fork)", "jmh:CoroBenchFallback.cede2Coros",
                                "jmh:CoroBenchFallback.ceilingVirtualThreadHandOff", 0.5)),
                        List.of(Check.ratio("JMH vs the anchor's own JVM", "jmh:CoroBenchFallback.cede2Coros",
                                ANCHOR + "coro_vt_cede_2coros", 0.5))),
                new Goal("#18", "Coro on continuations: cede ≥ 0.9x the bare `Continuation` scheduler", List.of(
                        Check.atLeast("loop-thread CPU time, interleaved pairs (`CoroCpuTime`)",
                                "coro-cpu:coro_cede_2coros_over_ceiling", 0.9),
                        Check.ratio("vs anchor", "jmh:CoroBench.cede2Coros", ANCHOR + "coro_cont_cede_2coros", 0.9),
                        Check.ratio("vs in-project", "jmh:CoroBench.cede2Coros", "jmh:CoroBench.ceilingContinuationScheduler", 0.9))),
                new Goal("#18", "THREAD Function, 2 workers, 200 in flight ≥ 0.9x a ThreadPoolExecutor", List.of(
                        Check.atLeast("steady, interleaved pairs with the anchor's pattern in one JVM (`FunctionThreadCpu`)",
                                "function-thread:function_thread_over_anchor_rate", 0.9),
                        Check.ratio("steady, medians of the same rounds", "function-thread:function_thread_w2_inflight200_rate",
                                "function-thread:anchor_tpe_t2_inflight200_rate", 0.9),
                        Check.ratio("JMH bursts vs in-project executor bursts", fn("pipelined", "model=THREAD,workers=2"),
                                fn("executorPipelined", "workers=2"), 0.9)),
                        List.of(Check.ratio("JMH bursts vs the anchor's own JVM (steady)", fn("pipelined", "model=THREAD,workers=2"),
                                ANCHOR + "jdk_function_tpe_t2_pipelined200", 0.9))),
                socketsAtTheCeiling("#19", "io_uring", true),
                new Goal("#19", "io_uring ahead of our epoll on every streaming row", List.of(
                        Check.ratio("one-way 1 conn", tp("io_uring", "oneway_1conn"), tp("epoll", "oneway_1conn"), 1),
                        Check.ratio("echo 1 conn", tp("io_uring", "echo_1conn"), tp("epoll", "echo_1conn"), 1),
                        Check.ratio("one-way 100 conns", tp("io_uring", "oneway_100conn"), tp("epoll", "oneway_100conn"), 1))),
                new Goal("#19", "default backend: `Loop.create()` may pick io_uring only if it is also ahead of epoll on "
                        + "ping-pong (and on streaming, the row above)", List.of(
                        Check.ratio("1 proc", "java-echo:echo_pingpong_io_uring_1proc_msg1",
                                "java-echo:echo_pingpong_epoll_1proc_msg1", 1),
                        Check.ratio("2 procs", "java-echo:echo_pingpong_io_uring_2proc_msg1",
                                "java-echo:echo_pingpong_epoll_2proc_msg1", 1))),
                new Goal("#19", "io_uring 10 000-connection echo ≥ 0.9x raw Netty io_uring", List.of(
                        Check.ratio("closed-loop echoes/s", "echoscale:echo_scaling_io_uring_10000conn_throughput",
                                "echoscale:echo_scaling_netty-io_uring_10000conn_throughput", 0.9),
                        Check.timesAtMost("1 msg/s per connection, round trip p99", "manyconn:manyconn_io_uring_p99",
                                "manyconn:manyconn_netty-io_uring_p99", 1 / 0.9))));
    }

    /** The source name of the independent anchors' results ({@code ../shared/anchors/java}). */
    static final String ANCHOR = "anchors:";

    /** The key of the spare-JVM start-up benchmark ({@code FunctionProcessBench}, ms). */
    static final String SPARE_START = "jmh:FunctionProcessBench.spareStartToFirstResult";

    private static String tp(String backend, String work) {
        return "java-echo:echo_throughput_" + backend + "_" + work;
    }

    /**
     * Socket rows at least 0.9x raw Netty on the same transport, against the in-project harness
     * and the independent anchor of the same run: issue 18 (epoll) names streaming echo, 100
     * connections and ping-pong in 2 processes; issue 19 (io_uring) every row.
     */
    private static Goal socketsAtTheCeiling(String issue, String backend, boolean everyRow) {
        String transport = backend;
        String netty = "netty-" + transport;
        String a = ANCHOR + "netty_";
        List<Check> checks = new java.util.ArrayList<>();
        if (everyRow) {
            checks.add(Check.ratio("ping-pong 1 proc vs in-project", "java-echo:echo_pingpong_" + backend + "_1proc_msg1",
                    "java-echo:echo_pingpong_" + netty + "_1proc_msg1", 0.9));
            checks.add(Check.ratio("ping-pong 1 proc vs anchor", "java-echo:echo_pingpong_" + backend + "_1proc_msg1",
                    a + "pingpong_" + transport + "_1thread_msg1", 0.9));
        }
        checks.add(Check.ratio("ping-pong 2 procs vs in-project", "java-echo:echo_pingpong_" + backend + "_2proc_msg1",
                "java-echo:echo_pingpong_" + netty + "_2proc_msg1", 0.9));
        checks.add(Check.ratio("ping-pong 2 procs vs anchor 2 threads", "java-echo:echo_pingpong_" + backend + "_2proc_msg1",
                a + "pingpong_" + transport + "_2thread_msg1", 0.9));
        for (String work : everyRow ? List.of("oneway_1conn", "echo_1conn", "oneway_100conn")
                : List.of("echo_1conn", "oneway_100conn")) {
            String w = work.replace("oneway_", "one-way ").replace("echo_", "echo ").replace("conn", " conn");
            checks.add(Check.ratio(w + " vs in-project", tp(backend, work), tp(netty, work), 0.9));
            checks.add(Check.ratio(w + " vs anchor", tp(backend, work), a + "throughput_" + transport + "_" + work, 0.9));
        }
        return new Goal(issue, backend + (everyRow ? " sockets, every row," : " streaming echo, 100 connections, ping-pong 2 processes")
                + " ≥ 0.9x raw Netty " + transport + " (in-project `NettyEchoHarness` and the independent anchor, same run)",
                checks);
    }

    private static Goal manyConnections(String backend) {
        String k = "manyconn:manyconn_" + backend + "_";
        return new Goal("benchmarks", backend + ": 10 000 connections held open and echoing for 60 s, nothing dropped", List.of(
                Check.atLeast("held", k + "conns", 10_000),
                Check.atLeast("open at the end", k + "server_conns", 10_000),
                Check.atMost("dropped", k + "dropped", 0),
                Check.atMost("closed", k + "closed", 0)));
    }

    /**
     * The goals table.
     *
     * @param r the run
     * @return Markdown
     */
    public static String table(Results r) {
        MarkdownTable t = new MarkdownTable(List.of("issue", "goal", "measured (median, min–max)", "status"), 4);
        all().forEach(g -> t.row(g.row(r)));
        return t.render();
    }
}
