#!/usr/bin/env bash
# run-scaling.sh -- the sweeps behind the scaling plots, Perl beside Java where it does the same
# work: timer schedule+fire cost for 1k..1M timers (TimerScaling; timers.pl N, Perl up to 100k),
# one-way streaming over 10..5000 connections (EchoHarness throughput; echo_throughput.pl),
# memory and wake cost for 1k..1M coros (CoroMemory; coro.pl up to 100k), Function with 200
# calls in flight against 1..8 workers (FunctionBench). About 4 minutes on 2 cores.
#
# Usage: bash async-bench/run-scaling.sh      (run-all.sh calls it)
# Environment: OUT (the run folder; results go to $OUT/scaling and $OUT/coromemN.txt),
#   BENCH_JAVA, SKIP_PERL=1, and the sizes: TIMER_NS, PERL_TIMER_NS, CONNS, PERL_CONNS, CORO_NS,
#   PERL_CORO_NS, WORKERS (space-separated lists, e.g. CONNS="10 100" for a quick try), SECS
#   (seconds per socket case, default 1).
# 5000 connections in one process hold 10 000 sockets (both ends); the limit here is 20 000 files.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
PERL_DIR=$ROOT/../shared/anchors/perl
OUT=${OUT:-$ROOT/async-bench/target/bench-results}
S=$OUT/scaling
mkdir -p "$S"
# shellcheck source=bench-lib.sh
source "$ROOT/async-bench/bench-lib.sh"
J=$(find_java)
[[ -n $J ]] || { echo "run-scaling.sh: no JDK 21+ found (set BENCH_JAVA)" >&2; exit 1; }
ensure_jar
CP=$ROOT/async-bench/target/benchmarks.jar
NATIVE=--enable-native-access=ALL-UNNAMED
SECS=${SECS:-1}
perl_ok() { [[ ${SKIP_PERL:-0} != 1 ]]; }

for n in ${TIMER_NS:-1000 10000 100000 1000000}; do
    for b in select epoll; do
        "$J" $NATIVE -cp "$CP" dev.ioasync.bench.TimerScaling "$b" "$n" 5 > "$S/timers-$b-$n.txt" 2>&1 || true
    done
done
if perl_ok; then
    for n in ${PERL_TIMER_NS:-1000 10000 100000}; do   # 1M would take Perl minutes
        (cd "$PERL_DIR" && perl timers.pl "$n" 100) > "$S/perl-timers-$n.txt" 2>&1 || true
    done
fi
for c in ${CONNS:-10 100 1000 5000}; do
    for b in select epoll; do
        "$J" $NATIVE -cp "$CP" dev.ioasync.bench.EchoHarness throughput "$b" "$SECS" "$c" > "$S/echo-$b-$c.txt" 2>&1 || true
    done
done
if perl_ok; then
    for c in ${PERL_CONNS:-10 100 1000}; do   # at 5000, 1 s is all connection set-up for Perl
        (cd "$PERL_DIR" && perl echo_throughput.pl "$SECS" "$c") > "$S/perl-echo-$c.txt" 2>&1 || true
    done
fi
for n in ${CORO_NS:-1000 10000}; do   # run-all.sh measures 100k and 1M itself
    "$J" -Xmx1g --add-exports java.base/jdk.internal.vm=ALL-UNNAMED -cp "$CP" dev.ioasync.bench.CoroMemory "$n" \
        > "$OUT/coromem$n.txt" 2>&1 || true
done
if perl_ok; then
    for n in ${PERL_CORO_NS:-1000 10000 100000}; do   # 1M idle Perl coros need about 4 GB
        (cd "$PERL_DIR" && perl coro.pl 0.2 "$n") > "$S/perl-coro-$n.txt" 2>&1 || true
    done
fi
workers=${WORKERS:-1 2 4 8}
"$J" -jar "$CP" 'FunctionBench\.(pipelined|executorPipelined)$' -p "workers=${workers// /,}" \
    -f 1 -wi 1 -i 2 -w 1s -r 1s -rf json -rff "$S/function-workers.json" > "$S/function-workers.log" 2>&1 || true
