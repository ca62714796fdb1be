#!/usr/bin/env bash
# run-all.sh -- every side-by-side benchmark of the project, one after another, Perl's anchors in
# the same run: timers and later (run-timers.sh), sockets (run-echo.sh), Function/Routine
# (FunctionBench + function_calls.pl), Coro on both mechanisms (CoroBench, CoroBenchFallback,
# CoroMemory + coro.pl), the scaling sweeps (run-scaling.sh; SCALING=0 skips them), and the
# 10 000-connection run (ManyConnHarness, 60 s per backend; MANYCONN=0 skips it).
# About 18 minutes on 2 cores. Results in $OUT (default async-bench/target/bench-results/DATE); at the
# end dev.ioasync.bench.report.ReportMain writes BENCHMARKS.md and benchmarks/*.png beside it
# (REPORT=path to write them elsewhere). TIMERS_JMH_OPTS sets run-timers.sh's JMH options.
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
(cd "$PERL_DIR" && perl function_calls.pl) > "$OUT/perl-function.txt" 2>&1 || failed function_calls.pl
"$J" -jar "$CP" FunctionBench -f 1 -wi 2 -i 3 -w 1s -r 2s -rf json -rff "$OUT/function.json" > "$OUT/function.log" 2>&1 \
    || failed FunctionBench
stamp "function done"
(cd "$PERL_DIR" && perl coro.pl) > "$OUT/perl-coro.txt" 2>&1 || failed coro.pl
"$J" -jar "$CP" 'CoroBench(Fallback)?\.' -f 1 -wi 2 -i 3 -w 1 -r 1 -rf json -rff "$OUT/coro.json" > "$OUT/coro.log" 2>&1 \
    || failed CoroBench
for n in 100000 1000000; do
    "$J" -Xmx1g --add-exports java.base/jdk.internal.vm=ALL-UNNAMED -cp "$CP" dev.ioasync.bench.CoroMemory "$n" \
        > "$OUT/coromem$n.txt" 2>&1 || failed "CoroMemory $n"
done
"$J" -Xmx1g -cp "$CP" dev.ioasync.bench.CoroMemory 100000 > "$OUT/corofallbackmem100000.txt" 2>&1 \
    || failed "CoroMemory fallback"   # no add-exports: the virtual-thread fallback
(cd "$PERL_DIR" && perl coro.pl) > "$OUT/perl-coro2.txt" 2>&1 || failed coro.pl
stamp "coro done"
if [[ ${SCALING:-1} == 1 ]]; then
    OUT=$OUT bash "$ROOT/async-bench/run-scaling.sh" > "$OUT/scaling.log" 2>&1 || failed scaling
    stamp "scaling done"
fi
if [[ ${MANYCONN:-1} == 1 ]]; then   # about 2.5 minutes: 10k connections, 60 s per backend
    : > "$OUT/manyconn.txt"
    for b in select epoll; do
        "$J" --enable-native-access=ALL-UNNAMED -cp "$CP" dev.ioasync.bench.manyconn.ManyConnHarness "$b" \
            "${MANYCONN_CONNS:-10000}" "${MANYCONN_SECS:-60}" >> "$OUT/manyconn.txt" 2>> "$OUT/manyconn.log" || failed "ManyConnHarness $b"
    done
    stamp "manyconn done"
fi
"$J" -cp "$CP" dev.ioasync.bench.report.ReportMain "$OUT" "${REPORT:-$ROOT/BENCHMARKS.md}"
