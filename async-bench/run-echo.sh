#!/usr/bin/env bash
# run-echo.sh -- Perl IO::Async's echo_pingpong.pl and echo_throughput.pl, then their Java twin
# (dev.ioasync.bench.EchoHarness) on every backend available here, and raw Netty epoll as the
# ceiling (dev.ioasync.bench.NettyEchoHarness), one after another.
#
# Usage: bash async-bench/run-echo.sh        (about 2 minutes)
# Environment: BENCH_JAVA (a java 21+), SKIP_PERL=1, OUT (default async-bench/target/bench-results)
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
PERL_DIR=$ROOT/../shared/anchors/perl
OUT=${OUT:-$ROOT/async-bench/target/bench-results}
mkdir -p "$OUT"
# shellcheck source=bench-lib.sh
source "$ROOT/async-bench/bench-lib.sh"
JAVA=$(find_java)
[[ -n $JAVA ]] || { echo "run-echo.sh: no JDK 21+ found (set BENCH_JAVA)" >&2; exit 1; }
ensure_jar
JAR=$ROOT/async-bench/target/benchmarks.jar

echo "date: $(date -u '+%Y-%m-%d %H:%M:%S UTC'), load: $(cut -d' ' -f1-3 /proc/loadavg), java: $JAVA" | tee "$OUT/echo-env.txt"
if [[ ${SKIP_PERL:-0} != 1 ]]; then
    if ! perl -MIO::Async -e1 2>/dev/null; then
        echo "== IO::Async missing: installing libio-async-perl libio-async-loop-epoll-perl with apt-get"
        sudo_=""; [[ $(id -u) -ne 0 ]] && sudo_=sudo
        $sudo_ apt-get update -q
        DEBIAN_FRONTEND=noninteractive $sudo_ apt-get install -y -q libio-async-perl libio-async-loop-epoll-perl
    fi
    (cd "$PERL_DIR" && perl echo_pingpong.pl 2 1 && perl echo_throughput.pl 3 100) | tee "$OUT/perl-echo.txt"
fi
: > "$OUT/java-echo.txt"
for backend in select epoll; do
    if ! "$JAVA" --enable-native-access=ALL-UNNAMED -cp "$JAR" dev.ioasync.bench.EchoHarness pingpong "$backend" 2 1 \
            | tee -a "$OUT/java-echo.txt"; then
        echo "# backend $backend not available here; skipped" | tee -a "$OUT/java-echo.txt"
        continue
    fi
    "$JAVA" --enable-native-access=ALL-UNNAMED -cp "$JAR" dev.ioasync.bench.EchoHarness throughput "$backend" 3 100 \
        | tee -a "$OUT/java-echo.txt"
done
if [[ $(uname -s) == Linux ]]; then
    "$JAVA" --enable-native-access=ALL-UNNAMED -cp "$JAR" dev.ioasync.bench.NettyEchoHarness pingpong 2 1 | tee -a "$OUT/java-echo.txt"
    "$JAVA" --enable-native-access=ALL-UNNAMED -cp "$JAR" dev.ioasync.bench.NettyEchoHarness throughput 3 100 | tee -a "$OUT/java-echo.txt"
fi
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$OUT/echo-env.txt"
