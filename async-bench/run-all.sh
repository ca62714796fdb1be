#!/usr/bin/env bash
# run-all.sh -- every side-by-side benchmark of the project, one after another, Perl's anchors in
# the same run: timers and later (run-timers.sh), sockets on select, epoll and io_uring beside raw
# Netty epoll and io_uring (run-echo.sh), the independent Java anchors (../shared/anchors/java:
# netty_pingpong, netty_throughput, jdk_function, coro_mechanisms; ANCHORS=0 skips them),
# Function/Routine (FunctionBench + function_calls.pl, HandOffCeiling), Coro on both mechanisms
# (CoroBench, CoroBenchFallback, CoroMemory + coro.pl), the scaling sweeps (run-scaling.sh;
# SCALING=0 skips them), and the 10 000-connection run (ManyConnHarness on select, epoll, io_uring
# and raw Netty io_uring, 60 s each; MANYCONN=0 skips it), the cost of metrics/watchdog/JFR
# (ObserveCostBench), and the LoopGroup rows (run-group.sh: one loop, a group of 2, raw Netty with
# 1 and 2 threads; GROUP=0 skips them; MANY100K=1 adds the 100 000-connection run, which needs root).
# About 28 minutes on 2 cores. Results in $OUT (default async-bench/target/bench-results/DATE); at the
# end dev.ioasync.bench.report.ReportMain writes BENCHMARKS.md and benchmarks/*.png beside it
# (REPORT=path to write them elsewhere), keeping the hand-written sections that
# async-bench/results/sections.txt lists. TIMERS_JMH_OPTS sets run-timers.sh's JMH options;
# ANCHORS_JAVA the anchors' folder; MANYCONN_BACKENDS the many-connection servers.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
OUT=${OUT:-$ROOT/async-bench/target/bench-results/$(date -u +%Y-%m-%dT%H%MZ)}   # one folder per run
mkdir -p "$OUT"
# shellcheck source=bench-lib.sh
source "$ROOT/async-bench/bench-lib.sh"
PERL_DIR=$(find_perl_anchors)
J=$(find_java)
[[ -n $J ]] || { echo "run-all.sh: no JDK 21+ found (set BENCH_JAVA)" >&2; exit 1; }
ensure_jar
CP=$ROOT/async-bench/target/benchmarks.jar
ensure_perl_anchors
stamp() { echo "$1 $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$OUT/times.txt"; }
# A part that fails is named in times.txt (and so in BENCHMARKS.md) and the run goes on; the
# report shows its rows as missing.
failed() { stamp "FAILED ($1; see $OUT)"; }
: > "$OUT/times.txt"
stamp start
OUT=$OUT/timers JMH_OPTS=${TIMERS_JMH_OPTS:--f 1 -wi 3 -i 5 -w 1s -r 1s} bash "$ROOT/async-bench/run-timers.sh" > "$OUT/timers.log" 2>&1 || failed timers
stamp "timers done"
OUT=$OUT/echo bash "$ROOT/async-bench/run-echo.sh" > "$OUT/echo.log" 2>&1 || failed echo
stamp "echo done"
if [[ ${ANCHORS:-1} == 1 ]]; then   # about 1.5 minutes: the independent raw-Netty and raw-JDK ceilings
    if ANCHOR_DIR=$(find_java_anchors); then
        : > "$OUT/anchors-java.txt"
        for a in netty_pingpong netty_throughput jdk_function coro_mechanisms; do
            (cd "$ANCHOR_DIR" && JAVA=$J ./run.sh "$a") >> "$OUT/anchors-java.txt" 2>> "$OUT/anchors-java.log" \
                || failed "anchor $a"
        done
    else
        failed "anchors: no ../shared/anchors/java (set ANCHORS_JAVA, or ANCHORS=0)"
    fi
    stamp "anchors done"
fi
(cd "$PERL_DIR" && perl function_calls.pl) > "$OUT/perl-function.txt" 2>&1 || failed function_calls.pl
"$J" -jar "$CP" FunctionBench -f 1 -wi 2 -i 3 -w 1s -r 2s -rf json -rff "$OUT/function.json" > "$OUT/function.log" 2>&1 \
    || failed FunctionBench
# THREAD Function, 200 in flight, interleaved round by round with the anchor's ThreadPoolExecutor pattern in one JVM
"$J" -cp "$CP" dev.ioasync.bench.FunctionThreadCpu 2000000 7 epoll > "$OUT/function-thread-cpu.txt" 2>&1 \
    || failed FunctionThreadCpu
"$J" -jar "$CP" HandOffCeiling -f 1 -wi 2 -i 3 -w 1s -r 2s -rf json -rff "$OUT/handoff.json" > "$OUT/handoff.log" 2>&1 \
    || failed HandOffCeiling
"$J" -jar "$CP" FunctionProcessBench -e spareStartToFirstResult -f 1 -wi 2 -i 3 -w 1s -r 2s -rf json \
    -rff "$OUT/function-process.json" > "$OUT/function-process.log" 2>&1 || failed FunctionProcessBench   # pipelining depths
# a spare child JVM's first result: the benchmark's own 2 warm-up and 10 measured starts (-i 3 would leave 3)
"$J" -jar "$CP" 'FunctionProcessBench.spareStartToFirstResult' -f 1 -rf json -rff "$OUT/function-process-spare.json" \
    > "$OUT/function-process-spare.log" 2>&1 || failed spareStartToFirstResult
# child JVM start-up, spawn to first result: a fresh child interleaved with the anchor's bare java -cp
# worker (the ceiling, from this run), then a spare's start and its RSS (ChildStartHarness)
ANCHOR_JAR=
if [[ ${ANCHORS:-1} == 1 ]] && ANCHOR_DIR=$(find_java_anchors); then ANCHOR_JAR=$ANCHOR_DIR/target/anchors-java.jar; fi
"$J" -cp "$CP" dev.ioasync.bench.ChildStartHarness fresh 12 "$ANCHOR_JAR" > "$OUT/child-start.txt" 2>&1 \
    || failed "ChildStartHarness fresh"
"$J" -cp "$CP" dev.ioasync.bench.ChildStartHarness spare 12 >> "$OUT/child-start.txt" 2>&1 || failed "ChildStartHarness spare"
# PROCESS Function, one call in flight: ours on select and epoll interleaved with the anchor's sequential calls
if [[ -n $ANCHOR_JAR ]]; then
    "$J" -cp "$CP" dev.ioasync.bench.ProcessLatencyHarness "$ANCHOR_JAR" 20000 7 select,epoll \
        > "$OUT/process-latency.txt" 2>&1 || failed ProcessLatencyHarness
fi
stamp "function done"
(cd "$PERL_DIR" && perl coro.pl) > "$OUT/perl-coro.txt" 2>&1 || failed coro.pl
# iterations from the classes' annotations: cede and its ceiling warm up longer (C2 reaches the
# cede's steady state only after 3-4 s; with 2 warm-up seconds it measured 6.1 then 9.3 M/s)
"$J" -jar "$CP" 'CoroBench(Fallback)?\.' -f 1 -rf json -rff "$OUT/coro.json" > "$OUT/coro.log" 2>&1 \
    || failed CoroBench
for n in 100000 1000000; do
    "$J" -Xmx1g --add-exports java.base/jdk.internal.vm=ALL-UNNAMED -cp "$CP" dev.ioasync.bench.CoroMemory "$n" \
        > "$OUT/coromem$n.txt" 2>&1 || failed "CoroMemory $n"
done
"$J" -Xmx1g -cp "$CP" dev.ioasync.bench.CoroMemory 100000 > "$OUT/corofallbackmem100000.txt" 2>&1 \
    || failed "CoroMemory fallback"   # no add-exports: the virtual-thread fallback
# the fallback again on one carrier (the ceiling's vt1 arrangement); -jvmArgsPrepend keeps the @Fork flags
"$J" -jar "$CP" 'CoroBenchFallback\.' -f 1 -wi 2 -i 3 -w 1 -r 1 -jvmArgsPrepend -Djdk.virtualThreadScheduler.parallelism=1 \
    -rf json -rff "$OUT/coro-vt1.json" > "$OUT/coro-vt1.log" 2>&1 || failed "CoroBenchFallback vt1"
# the fallback's cede interleaved round by round with the anchor's BatonSched (copied) in one JVM, no --add-exports: default carriers, then one
"$J" -cp "$CP" dev.ioasync.bench.CoroFallbackCpu 2000000 9 > "$OUT/coro-fallback-cpu.txt" 2>&1 || failed CoroFallbackCpu
"$J" -Djdk.virtualThreadScheduler.parallelism=1 -cp "$CP" dev.ioasync.bench.CoroFallbackCpu 2000000 9 \
    > "$OUT/coro-fallback-cpu-vt1.txt" 2>&1 || failed "CoroFallbackCpu vt1"
# continuations against the bare Continuation scheduler, in CPU time of the loop thread
"$J" --add-exports java.base/jdk.internal.vm=ALL-UNNAMED -cp "$CP" dev.ioasync.bench.CoroCpuTime \
    > "$OUT/corocputime.txt" 2>&1 || failed CoroCpuTime
(cd "$PERL_DIR" && perl coro.pl) > "$OUT/perl-coro2.txt" 2>&1 || failed coro.pl
stamp "coro done"
# what metrics, the watchdog and a JFR recording of LoopStall cost: CPU time per op, modes interleaved
"$J" --enable-native-access=ALL-UNNAMED -cp "$CP" dev.ioasync.bench.ObserveCostBench epoll 150 20 \
    > "$OUT/observe-cost.txt" 2>&1 || failed ObserveCostBench
stamp "observe cost done"
if [[ ${SCALING:-1} == 1 ]]; then
    OUT=$OUT bash "$ROOT/async-bench/run-scaling.sh" > "$OUT/scaling.log" 2>&1 || failed scaling
    stamp "scaling done"
fi
if [[ ${MANYCONN:-1} == 1 ]]; then   # about 5 minutes: 10k connections, 60 s per server
    : > "$OUT/manyconn.txt"
    for b in ${MANYCONN_BACKENDS:-select epoll io_uring netty-io_uring}; do
        "$J" --enable-native-access=ALL-UNNAMED -cp "$CP" dev.ioasync.bench.manyconn.ManyConnHarness "$b" \
            "${MANYCONN_CONNS:-10000}" "${MANYCONN_SECS:-60}" >> "$OUT/manyconn.txt" 2>> "$OUT/manyconn.log" || failed "ManyConnHarness $b"
    done
    stamp "manyconn done"
fi
if [[ ${GROUP:-1} == 1 ]]; then   # LoopGroup vs one loop vs Netty, 1 000 connections (~3 min)
    OUT=$OUT/group MANY100K=0 BENCH_JAR=$CP bash "$ROOT/async-bench/run-group.sh" > "$OUT/group.log" 2>&1 || failed group
    stamp "group done"
fi
if [[ ${MANY100K:-0} == 1 ]]; then   # 100 000 connections on a group of 2 loops; needs a hard fd limit > 101 000 (root)
    OUT=$OUT/group GROUP_ECHO=0 MANY100K=1 BENCH_JAR=$CP bash "$ROOT/async-bench/run-group.sh" > "$OUT/many100k.log" 2>&1 \
        || failed many100k
    stamp "many100k done"
fi
stamp end
"$J" -cp "$CP" dev.ioasync.bench.report.ReportMain "$OUT" "${REPORT:-$ROOT/BENCHMARKS.md}" "$ROOT/async-bench/results"
