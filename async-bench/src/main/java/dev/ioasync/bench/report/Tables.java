package dev.ioasync.bench.report;

import dev.ioasync.bench.report.ComparisonTable.Ratio;
import java.util.List;

/** The side-by-side tables of the report, one per topic, as keys into one run's {@link Results}. */
public final class Tables {

    private Tables() {
    }

    private static String tb(String method, String backend) {
        return "jmh:" + method + "{backend=" + backend + "}";
    }

    /** @return timers and deferred calls: select, epoll, Perl (Heap::Fibonacci) */
    public static ComparisonTable timers() {
        ComparisonTable t = new ComparisonTable(List.of("select", "epoll", "Perl"),
                List.of(new Ratio("select/Perl", 0, 2), new Ratio("epoll/Perl", 1, 2)));
        String[][] rows = {
            {"schedule+fire: `watchTimeAfter(1 ms)` × N, then loop until all fired, /s", "TimerBench.scheduleFire",
                "timers_heap_watch_time_schedule_plus_fire"},
            {"schedule only, /s", "TimerBench.scheduleOnly", "timers_heap_watch_time_schedule"},
            {"fire only, /s", "TimerBench.fireOnly", "timers_heap_watch_time_fire"},
            {"cancel (`Cancellable.cancel()`, 60 s timers), /s", "TimerBench.cancel", "timers_heap_watch_time_cancel"},
            {"`Countdown` new + add + start, /s", "TimerBench.countdownCreateStart", "timers_heap_countdown_create_start"},
            {"`Countdown` fire, /s", "TimerBench.countdownFire", "timers_heap_countdown_fire"},
            {"`Countdown` stop, /s", "TimerBench.countdownStop", "timers_heap_countdown_stop"},
            {"`later(code)` on the loop thread, /s", "LaterBench.laterLocal", null},
            {"`later(code)` from another thread into a running loop, /s", "LaterBench.laterCrossThread", null},
        };
        for (String[] r : rows) {
            t.row(r[0], tb(r[1], "select"), tb(r[1], "epoll"), r[2] == null ? null : "perl-timers:" + r[2]);
        }
        t.row("cross-thread wake-up, loop asleep: p50 µs", tb("WakeupBench.wakeBlockedLoop", "select") + ":p50",
                tb("WakeupBench.wakeBlockedLoop", "epoll") + ":p50", null);
        t.row("cross-thread wake-up, loop asleep: p99 µs", tb("WakeupBench.wakeBlockedLoop", "select") + ":p99",
                tb("WakeupBench.wakeBlockedLoop", "epoll") + ":p99", null);
        return t;
    }

    private static final String[][] SOCKET_ROWS = {
        {"ping-pong 1 byte, 1 process, round trips/s", "echo_pingpong_%s_1proc_msg1", "echo_pingpong_default_1proc_msg1",
            "netty_pingpong_%s_1thread_msg1"},
        {"ping-pong 1 byte, 2 processes, round trips/s", "echo_pingpong_%s_2proc_msg1", "echo_pingpong_default_2proc_msg1",
            "netty_pingpong_%s_2thread_msg1"},
        {"streaming one-way, 1 connection, MB/s", "echo_throughput_%s_oneway_1conn", "echo_throughput_oneway_1conn",
            "netty_throughput_%s_oneway_1conn"},
        {"streaming echo, 1 connection, MB/s", "echo_throughput_%s_echo_1conn", "echo_throughput_echo_1conn",
            "netty_throughput_%s_echo_1conn"},
        {"streaming one-way, 100 connections, MB/s", "echo_throughput_%s_oneway_100conn", "echo_throughput_oneway_100conn",
            "netty_throughput_%s_oneway_100conn"},
    };

    /** @return sockets against Perl: select, epoll, io_uring, Perl (default loop) */
    public static ComparisonTable sockets() {
        ComparisonTable t = new ComparisonTable(List.of("select", "epoll", "io_uring", "Perl"),
                List.of(new Ratio("select/Perl", 0, 3), new Ratio("epoll/Perl", 1, 3), new Ratio("io_uring/Perl", 2, 3),
                        new Ratio("io_uring/epoll", 2, 1)));
        for (String[] r : SOCKET_ROWS) {
            t.row(r[0], "java-echo:" + r[1].formatted("select"), "java-echo:" + r[1].formatted("epoll"),
                    "java-echo:" + r[1].formatted("io_uring"), "perl-echo:" + r[2]);
        }
        // the streaming rows again through write(byte[]) (one copy into a pooled direct buffer),
        // echoing with write(buf.takeAll()): the IO::Async idiom, what Perl's script does too
        for (String[] r : SOCKET_ROWS) {
            if (r[1].startsWith("echo_throughput_")) {
                String bytes = r[1] + "_bytes";
                t.row(r[0].replace(", MB/s", ", through `write(byte[])`, MB/s"), "java-echo:" + bytes.formatted("select"),
                        "java-echo:" + bytes.formatted("epoll"), "java-echo:" + bytes.formatted("io_uring"), "perl-echo:" + r[2]);
            }
        }
        return t;
    }

    /**
     * @param transport {@code epoll} or {@code io_uring}
     * @return sockets against their ceilings on one transport: ours, raw Netty in the project's
     *     harness, and the independent anchor ({@code ../shared/anchors/java}; its "2 threads" row,
     *     the server and the client on two event loops of one JVM, stands for 2 processes)
     */
    public static ComparisonTable socketCeilings(String transport) {
        ComparisonTable t = new ComparisonTable(List.of("ioasync " + transport, "raw Netty " + transport + " (`NettyEchoHarness`)",
                "raw Netty " + transport + " (anchor)"),
                List.of(new Ratio("ours/in-project", 0, 1), new Ratio("ours/anchor", 0, 2), new Ratio("in-project/anchor", 1, 2)));
        for (String[] r : SOCKET_ROWS) {
            t.row(r[0], "java-echo:" + r[1].formatted(transport), "java-echo:" + r[1].formatted("netty-" + transport),
                    "anchors:" + r[3].formatted(transport));
        }
        return t;
    }

    /** @return Function and Routine: THREAD, VIRTUAL, PROCESS, ThreadPoolExecutor, Perl fork */
    public static ComparisonTable function() {
        ComparisonTable t = new ComparisonTable(List.of("THREAD", "VIRTUAL", "PROCESS (child JVM)", "ThreadPoolExecutor",
                "anchor: TPE / child JVMs", "Perl fork"),
                List.of(new Ratio("THREAD/executor", 0, 3), new Ratio("THREAD/anchor TPE", 0, 4),
                        new Ratio("PROCESS/anchor", 2, 4), new Ratio("PROCESS/Perl", 2, 5)));
        for (int w = 1; w <= 2; w++) {
            String seq = "workers=" + w;
            String ws = w == 1 ? "1 worker" : w + " workers";
            t.row(ws + ", 1 call in flight, calls/s", fn("sequential", "THREAD", seq), fn("sequential", "VIRTUAL", seq),
                    fn("sequential", "PROCESS", seq), "jmh:FunctionBench.executorSequential{" + seq + "}",
                    "anchors:jdk_function_process_w" + w + "_sequential", "perl-function:function_w" + w + "_sequential");
            for (String p : List.of("p50", "p99")) {
                t.row(ws + ", 1 call in flight, " + p + " latency µs", fn("sequential", "THREAD", seq) + ":" + p,
                        fn("sequential", "VIRTUAL", seq) + ":" + p, fn("sequential", "PROCESS", seq) + ":" + p,
                        "jmh:FunctionBench.executorSequential{" + seq + "}:" + p,
                        "anchors:jdk_function_process_w" + w + "_sequential_" + (p.equals("p50") ? "median" : "p99") + "_latency",
                        "perl-function:function_w" + w + "_sequential_" + (p.equals("p50") ? "median" : "p99") + "_latency");
            }
            t.row(ws + ", 200 in flight, calls/s", fn("pipelined", "THREAD", seq), fn("pipelined", "VIRTUAL", seq),
                    fn("pipelined", "PROCESS", seq), "jmh:FunctionBench.executorPipelined{" + seq + "}",
                    "anchors:jdk_function_process_w" + w + "_pipelined200", "perl-function:function_w" + w + "_pipelined200");
            t.row(ws + ", 200 in flight, at most 1 call per worker (IO::Async's semantics), calls/s", null, null, null, null,
                    "anchors:jdk_function_process_w" + w + "_pipelined200_oneperworker", null);
            t.row(ws + ", 200 in flight: ThreadPoolExecutor of the anchor, calls/s", null, null, null, null,
                    "anchors:jdk_function_tpe_t" + w + "_pipelined200", null);
        }
        t.row("Routine + 2 Channels ping-pong, round trips/s", "jmh:FunctionBench.pingPong{model=THREAD}",
                "jmh:FunctionBench.pingPong{model=VIRTUAL}", "jmh:FunctionBench.pingPong{model=PROCESS}", null, null,
                "perl-function:routine_channel_pingpong");
        t.row("bare hand-off: a thread and a loop blocked in `Selector.select()` (`HandOffCeiling`), round trips/s",
                "jmh:HandOffCeiling.selectorWakeupPingPong", null, null, null, null, null);
        t.row("fresh worker: start to first result, ms", null, null, "jmh:FunctionBench.processStartToFirstResult", null,
                "anchors:jdk_function_process_w1_startup", "perl-function:function_w1_startup");
        t.row("spare worker started ahead: to first result, ms", null, null, Goals.SPARE_START, null, null, null);
        return t;
    }

    private static String fn(String bench, String model, String workers) {
        return "jmh:FunctionBench." + bench + "{model=" + model + "," + workers + "}";
    }

    /** @return Coro: ioasync-java on continuations and on the virtual-thread fallback, against Perl Coro */
    public static ComparisonTable coro() {
        ComparisonTable t = new ComparisonTable(List.of("continuations", "virtual-thread fallback", "Perl Coro"),
                List.of(new Ratio("continuations/Perl", 0, 2), new Ratio("fallback/Perl", 1, 2)));
        String[][] rows = {
            {"cede between 2 coros, switches/s", "cede2Coros", "coro_cede_2coros"},
            {"async + join, coros/s", "asyncJoin", "coro_create_join"},
            {"asyncPool + rouseWait, calls/s", "asyncPoolRouseWait", "coro_async_pool"},
            {"rouseCb + call + rouseWait (no switch), ops/s", "rouseCbNoSwitch", "coro_rouse_cb_wait"},
            {"Semaphore ping-pong, round trips/s", "semaphorePingPong", "coro_semaphore_pingpong"},
            {"Signal ping-pong, round trips/s", "signalPingPong", "coro_signal_pingpong"},
            {"Channel put/get, max size 1, items/s", "channelMaxSize1", "coro_channel_maxsize1"},
            {"Channel put/get, unbounded, items/s", "channelUnbounded", "coro_channel_unbounded"},
            {"RWLock rdlock+unlock, pairs/s", "rwlockRdlockUnlock", "coro_rwlock_rdlock_unlock"},
        };
        for (String[] r : rows) {
            t.row(r[0], "jmh:CoroBench." + r[1], "jmh:CoroBenchFallback." + r[1], "perl-coro:" + r[2]);
        }
        t.row("ceiling, in-project: bare `Continuation` scheduler / virtual-thread baton, switches/s",
                "jmh:CoroBench.ceilingContinuationScheduler", "jmh:CoroBenchFallback.ceilingVirtualThreadHandOff", null);
        t.row("ceiling, anchor: bare `Continuation` scheduler / virtual-thread baton (default scheduler), switches/s",
                "anchors:coro_cont_cede_2coros", "anchors:coro_vt_cede_2coros", null);
        t.row("ceiling, anchor: virtual-thread baton with one carrier (vt1), switches/s", null, "anchors:coro_vt1_cede_2coros", null);
        String[][] idle = {
            {"bytes per idle coro blocked on a semaphore (heap after GC; Perl: RSS)", "coro_idle_memory_heap", "coro_idle_memory"},
            {"create+start+block, coros/s", "coro_idle_create_start_block", "coro_idle_create_start_block"},
            {"wake+finish+join, coros/s", "coro_idle_wake_join", "coro_idle_wake_join"},
        };
        for (String[] r : idle) {
            t.row(r[0] + " (continuations 1M, fallback and Perl 100k)", "coromem1000000:" + r[1],
                    "coromem-fallback100000:" + r[1], "perl-coro:" + r[2]);
        }
        return t;
    }

    /**
     * @return closed-loop echo over 10 to 10 000 connections, the server in a process of its own
     *     (select, epoll, io_uring, raw Netty io_uring, Perl IO::Async), and the server's memory at 10 000
     */
    public static ComparisonTable echoScaling() {
        ComparisonTable t = new ComparisonTable(List.of("select", "epoll", "io_uring", "raw Netty io_uring", "Perl"),
                List.of(new Ratio("select/Perl", 0, 4), new Ratio("epoll/Perl", 1, 4), new Ratio("io_uring/Netty", 2, 3)));
        for (int n : new int[] {10, 100, 1000, 10_000}) {
            row(t, String.format(java.util.Locale.ROOT, "%,d", n).replace(',', ' ') + " connections, echoes/s", n, "throughput");
        }
        row(t, "10 000 connections: round trip p99, µs", 10_000, "p99");
        row(t, "server resident set, idle, MB", 10, "rss_before");
        row(t, "server resident set with 10 000 connections open, MB", 10_000, "rss");
        row(t, "server resident set per connection (10 000 open less idle), bytes", 10_000, "rss_per_conn");
        row(t, "server heap after GC with 10 000 connections open, MB", 10_000, "heap");
        row(t, "10 000 connections: messages dropped", 10_000, "dropped");
        return t;
    }

    private static void row(ComparisonTable t, String work, int conns, String what) {
        t.row(work, echoScale("select", conns, what), echoScale("epoll", conns, what), echoScale("io_uring", conns, what),
                echoScale("netty-io_uring", conns, what), echoScale("perl", conns, what));
    }

    private static String echoScale(String server, int conns, String what) {
        return "echoscale:echo_scaling_" + server + "_" + conns + "conn_" + what;
    }

    /**
     * @return the many-connection run: the server on select, epoll, io_uring and raw Netty io_uring,
     *     the clients in another JVM
     */
    public static ComparisonTable manyConnections() {
        ComparisonTable t = new ComparisonTable(List.of("select", "epoll", "io_uring", "raw Netty io_uring"),
                List.of(new Ratio("io_uring/Netty", 2, 3)));
        String[][] rows = {
            {"connections held open", "conns"},
            {"echoes/s (all connections)", "throughput"},
            {"round trip p50, µs", "p50"},
            {"round trip p99, µs", "p99"},
            {"messages dropped (sent, never echoed)", "dropped"},
            {"connections closed by the server", "closed"},
            {"server: open connections at the end", "server_conns"},
            {"server: resident set at the end, MB", "server_rss"},
            {"server: heap after GC at the end, MB", "server_heap"},
            {"server: open file descriptors at the end", "server_fds"},
            {"clients' JVM: open file descriptors at the end", "client_fds"},
        };
        for (String[] r : rows) {
            t.row(r[0], "manyconn:manyconn_select_" + r[1], "manyconn:manyconn_epoll_" + r[1],
                    "manyconn:manyconn_io_uring_" + r[1], "manyconn:manyconn_netty-io_uring_" + r[1]);
        }
        return t;
    }
}
