#!/usr/bin/env bash
# run-echo.sh -- Perl IO::Async's echo_pingpong.pl and echo_throughput.pl, then their Java twin
# (dev.ioasync.bench.EchoHarness) on every backend available here, and raw Netty epoll and
# io_uring as the ceiling (dev.ioasync.bench.NettyEchoHarness), one after another.
#
# Usage: bash async-bench/run-echo.sh        (about 2 minutes)
# Environment: BENCH_JAVA (a java 21+), SKIP_PERL=1, OUT (default async-bench/target/bench-results),
#   ROUNDS (default 3: every system once per round), PP_SECS (per ping-pong case, default 1),
#   TP_SECS (per streaming case, default 2)
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
OUT=${OUT:-$ROOT/async-bench/target/bench-results}
mkdir -p "$OUT"
# shellcheck source=bench-lib.sh
source "$ROOT/async-bench/bench-lib.sh"
PERL_DIR=$(find_perl_anchors)
JAVA=$(find_java)
[[ -n $JAVA ]] || { echo "run-echo.sh: no JDK 21+ found (set BENCH_JAVA)" >&2; exit 1; }
ensure_jar
JAR=$ROOT/async-bench/target/benchmarks.jar
ROUNDS=${ROUNDS:-3}
PP_SECS=${PP_SECS:-1}
TP_SECS=${TP_SECS:-2}

echo "date: $(date -u '+%Y-%m-%d %H:%M:%S UTC'), load: $(cut -d' ' -f1-3 /proc/loadavg), java: $JAVA" | tee "$OUT/echo-env.txt"
ensure_perl_anchors
NATIVE=--enable-native-access=ALL-UNNAMED
: > "$OUT/perl-echo.txt"
: > "$OUT/java-echo.txt"
# Rounds, each system once per round, so that a slow moment of the shared machine falls on one
# sample of every system rather than on all samples of one; each RESULT name gets ROUNDS samples.
for round in $(seq "$ROUNDS"); do
    echo "# round $round of $ROUNDS" | tee -a "$OUT/java-echo.txt"
    if [[ ${SKIP_PERL:-0} != 1 ]]; then
        (cd "$PERL_DIR" && perl echo_pingpong.pl "$PP_SECS" 1 && perl echo_throughput.pl "$TP_SECS" 100) | tee -a "$OUT/perl-echo.txt"
    fi
    for backend in select epoll io_uring; do
        if ! "$JAVA" $NATIVE -cp "$JAR" dev.ioasync.bench.EchoHarness pingpong "$backend" "$PP_SECS" 1 \
                | tee -a "$OUT/java-echo.txt"; then
            echo "# backend $backend not available here; skipped" | tee -a "$OUT/java-echo.txt"
            continue
        fi
        "$JAVA" $NATIVE -cp "$JAR" dev.ioasync.bench.EchoHarness throughput "$backend" "$TP_SECS" 100 \
            | tee -a "$OUT/java-echo.txt"
    done
    if [[ $(uname -s) == Linux ]]; then
        for transport in epoll io_uring; do
            if ! "$JAVA" $NATIVE -cp "$JAR" dev.ioasync.bench.NettyEchoHarness pingpong "$PP_SECS" 1 "$transport" \
                    | tee -a "$OUT/java-echo.txt"; then
                echo "# Netty $transport not available here; skipped" | tee -a "$OUT/java-echo.txt"
                continue
            fi
            "$JAVA" $NATIVE -cp "$JAR" dev.ioasync.bench.NettyEchoHarness throughput "$TP_SECS" 100 "$transport" \
                | tee -a "$OUT/java-echo.txt"
        done
    fi
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$OUT/echo-env.txt"
