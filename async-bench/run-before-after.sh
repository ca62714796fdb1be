#!/usr/bin/env bash
# run-before-after.sh -- ping-pong and streaming of two builds side by side, in one run: the
# benchmarks.jar of an earlier commit (BEFORE) and the current one (AFTER), each case once per
# round with the two builds interleaved, so that a slow moment of the shared machine falls on
# both. Used to show that a change (e.g. the default read/write limits) did not make the socket
# paths slower.
#
# Usage: bash async-bench/run-before-after.sh BEFORE_JAR [AFTER_JAR]
#   BEFORE_JAR  a benchmarks.jar built from the earlier commit, e.g.
#               git worktree add /tmp/before REV && (cd /tmp/before && mvn -B -q -pl async-bench -am package -DskipTests)
#   AFTER_JAR   default: async-bench/target/benchmarks.jar (built when missing or stale)
# Environment: ROUNDS (default 3), PP_SECS (default 1), TP_SECS (default 2), PP_CPU_RTS (default 200000), BACKENDS (default "select epoll"),
#   OUT (default async-bench/target/bench-results/before-after-DATE)
# Prints one table: case, backend, before (median of rounds), after (median), after/before.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=bench-lib.sh
source "$ROOT/async-bench/bench-lib.sh"
BEFORE=${1:?usage: run-before-after.sh BEFORE_JAR [AFTER_JAR]}
JAVA=$(find_java)
[[ -n $JAVA ]] || { echo "run-before-after.sh: no JDK 21+ found (set BENCH_JAVA)" >&2; exit 1; }
if [[ -z ${2:-} ]]; then ensure_jar; fi
AFTER=${2:-$ROOT/async-bench/target/benchmarks.jar}
ROUNDS=${ROUNDS:-3}
PP_SECS=${PP_SECS:-1}
TP_SECS=${TP_SECS:-2}
PP_CPU_RTS=${PP_CPU_RTS:-200000}
OUT=${OUT:-$ROOT/async-bench/target/bench-results/before-after-$(date -u +%Y-%m-%dT%H%MZ)}
mkdir -p "$OUT"
NATIVE=--enable-native-access=ALL-UNNAMED
echo "date: $(date -u '+%Y-%m-%d %H:%M:%S UTC'), load: $(cut -d' ' -f1-3 /proc/loadavg), java: $JAVA" | tee "$OUT/env.txt"
echo "before: $BEFORE" | tee -a "$OUT/env.txt"
echo "after: $AFTER" | tee -a "$OUT/env.txt"
: > "$OUT/before.txt"
: > "$OUT/after.txt"
for round in $(seq "$ROUNDS"); do
    for backend in ${BACKENDS:-select epoll}; do
        for which in before after; do
            jar=$BEFORE; [[ $which == after ]] && jar=$AFTER
            "$JAVA" $NATIVE -cp "$jar" dev.ioasync.bench.EchoHarness pingpong "$backend" "$PP_SECS" 1 >> "$OUT/$which.txt"
            "$JAVA" $NATIVE -cp "$jar" dev.ioasync.bench.EchoHarness throughput "$backend" "$TP_SECS" 100 >> "$OUT/$which.txt"
            # the one-process ping-pong by its CPU cost per round trip (robust to where the
            # scheduler puts the thread); PingPongCpu is new, so the before build borrows it from
            # the after jar, behind its own classes
            cp=$AFTER; [[ $which == before ]] && cp="$BEFORE:$AFTER"
            "$JAVA" $NATIVE -cp "$cp" dev.ioasync.bench.PingPongCpu "$backend" "$PP_CPU_RTS" >> "$OUT/$which.txt"
        done
    done
    echo "round $round of $ROUNDS done, load $(cut -d' ' -f1-3 /proc/loadavg)"
done
# Median of each RESULT name, before and after, side by side.
median() { sort -g | awk '{a[NR]=$1} END {if (NR%2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'; }
names=$(grep -h '^RESULT ' "$OUT/before.txt" "$OUT/after.txt" | sed 's/^RESULT \([^=]*\)=.*/\1/' | grep -v '_bytes$' | sort -u)
{
    echo "| case | unit | before (median of $ROUNDS) | after (median of $ROUNDS) | after/before |"
    echo "|---|---|---|---|---|"
    for n in $names; do
        unit=$(grep -h "^RESULT $n=" "$OUT/after.txt" "$OUT/before.txt" | head -n 1 | awk '{print $3}')
        b=$(grep -h "^RESULT $n=" "$OUT/before.txt" | sed 's/^[^=]*=\([^ ]*\).*/\1/' | median)
        a=$(grep -h "^RESULT $n=" "$OUT/after.txt" | sed 's/^[^=]*=\([^ ]*\).*/\1/' | median)
        r=$(awk -v a="$a" -v b="$b" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "-" }')
        echo "| $n | $unit | $b | $a | $r |"
        # the same case through write(byte[]) in the after build (its unsuffixed rows hand buffers
        # over without a copy, which the before build could not): the like-for-like comparison
        if grep -q "^RESULT ${n}_bytes=" "$OUT/after.txt"; then
            ab=$(grep -h "^RESULT ${n}_bytes=" "$OUT/after.txt" | sed 's/^[^=]*=\([^ ]*\).*/\1/' | median)
            rb=$(awk -v a="$ab" -v b="$b" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "-" }')
            echo "| ${n} (after through write(byte[])) | $unit | $b | $ab | $rb |"
        fi
    done
} | tee "$OUT/table.md"
