#!/usr/bin/env bash
# run-scaling.sh -- the sweeps behind the scaling plots, Perl beside Java where it does the same
# work: timer schedule+fire cost for 1k..1M timers (TimerScaling; timers.pl N, Perl up to 100k),
# closed-loop echo over 10..10 000 connections with the server's memory (EchoScaling: the server
# in a process of its own, an ioasync backend, raw Netty io_uring (netty-io_uring, the io_uring
# ceiling) or async-bench/perl/echo_server.pl, the clients in a second JVM), memory and wake cost for 1k..1M coros (CoroMemory; coro.pl up to 100k), Function with 200
# calls in flight against 1..8 workers (FunctionBench). About 6 minutes on 2 cores.
#
# Usage: bash async-bench/run-scaling.sh      (run-all.sh calls it)
# Environment: OUT (the run folder; results go to $OUT/scaling and $OUT/coromemN.txt),
#   BENCH_JAVA, SKIP_PERL=1, and the sizes: TIMER_NS, PERL_TIMER_NS, CONNS, CORO_NS,
#   PERL_CORO_NS, WORKERS, ECHO_SERVERS (space-separated lists, e.g. CONNS="10 100" for a quick try), SECS
#   (measured seconds per echo point after 1 s of warm-up, default 3).
# 10 000 connections put 10 000 sockets in each of two processes; the limit here is 20 000 files.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
OUT=${OUT:-$ROOT/async-bench/target/bench-results}
S=$OUT/scaling
mkdir -p "$S"
# shellcheck source=bench-lib.sh
source "$ROOT/async-bench/bench-lib.sh"
PERL_DIR=$(find_perl_anchors)
J=$(find_java)
[[ -n $J ]] || { echo "run-scaling.sh: no JDK 21+ found (set BENCH_JAVA)" >&2; exit 1; }
ensure_jar
CP=$ROOT/async-bench/target/benchmarks.jar
NATIVE=--enable-native-access=ALL-UNNAMED
SECS=${SECS:-3}
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
for c in ${CONNS:-10 100 1000 10000}; do   # the server in a process of its own, the clients in this JVM
    for s in ${ECHO_SERVERS:-select epoll io_uring netty-io_uring perl}; do
        [[ $s == perl ]] && ! perl_ok && continue
        "$J" $NATIVE -cp "$CP" dev.ioasync.bench.manyconn.EchoScaling "$s" "$c" "$SECS" > "$S/echoscale-$s-$c.txt" 2>&1 || true
    done
done
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
