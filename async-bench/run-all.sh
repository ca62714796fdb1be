#!/usr/bin/env bash
# run-all.sh -- every side-by-side benchmark of the project, one after another, Perl's anchors in
# the same run: timers and later (run-timers.sh), sockets (run-echo.sh), Function/Routine
# (FunctionBench + function_calls.pl), Coro (CoroBench + CoroMemory + coro.pl), then the scaling
# sweeps (run-scaling.sh; SCALING=0 skips them), and with MANYCONN=1 the 10k-connection run.
# About 15 minutes on 2 cores (measured 2026-11-22; MANYCONN=1 adds about 2.5). Results in $OUT
# (default async-bench/target/bench-results); at the end dev.ioasync.bench.report.ReportMain writes
# BENCHMARKS.md and benchmarks/*.png beside it (REPORT=path to write them elsewhere).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
PERL_DIR=$ROOT/../shared/anchors/perl
OUT=${OUT:-$ROOT/async-bench/target/bench-results}
mkdir -p "$OUT"
# shellcheck source=bench-lib.sh
source "$ROOT/async-bench/bench-lib.sh"
J=$(find_java)
[[ -n $J ]] || { echo "run-all.sh: no JDK 21+ found (set BENCH_JAVA)" >&2; exit 1; }
ensure_jar
CP=$ROOT/async-bench/target/benchmarks.jar
# The Perl side: the IO::Async scripts need these Debian packages (run-timers.sh and run-echo.sh
# check their own); coro.pl needs Coro.
if ! perl -MCoro -e1 2>/dev/null || ! perl -MIO::Async -e1 2>/dev/null; then
    echo "== Perl Coro or IO::Async missing: installing the anchors' Debian packages with apt-get"
    sudo_=""; [[ $(id -u) -ne 0 ]] && sudo_=sudo
    $sudo_ apt-get update -q
    DEBIAN_FRONTEND=noninteractive $sudo_ apt-get install -y -q libio-async-perl libio-async-loop-epoll-perl \
        libcoro-perl libfuture-perl libanyevent-perl libev-perl libheap-perl
fi
stamp() { echo "$1 $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$OUT/times.txt"; }
: > "$OUT/times.txt"
stamp start
OUT=$OUT/timers bash "$ROOT/async-bench/run-timers.sh" > "$OUT/timers.log" 2>&1; stamp "timers done"
OUT=$OUT/echo bash "$ROOT/async-bench/run-echo.sh" > "$OUT/echo.log" 2>&1; stamp "echo done"
(cd "$PERL_DIR" && perl function_calls.pl) > "$OUT/perl-function.txt" 2>&1
"$J" -jar "$CP" FunctionBench -f 1 -wi 2 -i 3 -w 1s -r 2s -rf json -rff "$OUT/function.json" > "$OUT/function.log" 2>&1
stamp "function done"
(cd "$PERL_DIR" && perl coro.pl) > "$OUT/perl-coro.txt" 2>&1
"$J" -jar "$CP" 'CoroBench\.' -f 1 -wi 2 -i 3 -w 1 -r 1 -rf json -rff "$OUT/coro.json" > "$OUT/coro.log" 2>&1
for n in 100000 1000000; do
    "$J" -Xmx1g --add-exports java.base/jdk.internal.vm=ALL-UNNAMED -cp "$CP" dev.ioasync.bench.CoroMemory "$n" \
        > "$OUT/coromem$n.txt" 2>&1
done
(cd "$PERL_DIR" && perl coro.pl) > "$OUT/perl-coro2.txt" 2>&1
stamp "coro done"
if [[ ${SCALING:-1} == 1 ]]; then
    OUT=$OUT bash "$ROOT/async-bench/run-scaling.sh" > "$OUT/scaling.log" 2>&1; stamp "scaling done"
fi
if [[ ${MANYCONN:-0} == 1 ]]; then   # about 2.5 more minutes: 10k connections, 60 s per backend
    : > "$OUT/manyconn.txt"
    for b in select epoll; do
        "$J" --enable-native-access=ALL-UNNAMED -cp "$CP" dev.ioasync.bench.manyconn.ManyConnHarness "$b" \
            "${MANYCONN_CONNS:-10000}" "${MANYCONN_SECS:-60}" >> "$OUT/manyconn.txt" 2>> "$OUT/manyconn.log" || true
    done
    stamp "manyconn done"
fi
"$J" -cp "$CP" dev.ioasync.bench.report.ReportMain "$OUT" "${REPORT:-$ROOT/BENCHMARKS.md}"
