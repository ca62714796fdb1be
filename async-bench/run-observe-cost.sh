#!/usr/bin/env bash
# run-observe-cost.sh -- what metrics, the watchdog and a JFR recording cost (ObserveCostBench):
# each round runs the modes off, on and jfr one after the other, each in a fresh JVM, so that a
# slow moment of the shared machine falls on all of them; prints the median of the rounds per
# benchmark and mode, and each mode's ratio to off.
#
# Usage: bash async-bench/run-observe-cost.sh
# Environment: ROUNDS (default 5), BACKEND (default epoll), MODES (default "off on jfr"),
#   JMH (extra JMH options, default "-wi 2 -w 1 -i 3 -r 1 -f 1"),
#   OUT (default async-bench/target/bench-results/observe-cost-DATE)
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=bench-lib.sh
source "$ROOT/async-bench/bench-lib.sh"
JAVA=$(find_java)
[[ -n $JAVA ]] || { echo "run-observe-cost.sh: no JDK 21+ found (set BENCH_JAVA)" >&2; exit 1; }
ensure_jar
JAR=$ROOT/async-bench/target/benchmarks.jar
ROUNDS=${ROUNDS:-5}
BACKEND=${BACKEND:-epoll}
MODES=${MODES:-off on jfr}
JMH=${JMH:--wi 2 -w 1 -i 3 -r 1 -f 1}
OUT=${OUT:-$ROOT/async-bench/target/bench-results/observe-cost-$(date -u +%Y-%m-%dT%H%MZ)}
mkdir -p "$OUT"
echo "date: $(date -u '+%Y-%m-%d %H:%M:%S UTC'), load: $(cut -d' ' -f1-3 /proc/loadavg), java: $JAVA" | tee "$OUT/env.txt"
echo "command: ROUNDS=$ROUNDS BACKEND=$BACKEND MODES=\"$MODES\" JMH=\"$JMH\" bash async-bench/run-observe-cost.sh" | tee -a "$OUT/env.txt"
: > "$OUT/samples.txt"
for round in $(seq "$ROUNDS"); do
    for mode in $MODES; do
        # shellcheck disable=SC2086
        "$JAVA" --enable-native-access=ALL-UNNAMED -jar "$JAR" 'ObserveCostBench' -p backend="$BACKEND" \
            -p observe="$mode" $JMH -rf csv -rff "$OUT/r$round-$mode.csv" > "$OUT/r$round-$mode.log" 2>&1
        # "Benchmark","Mode","Threads","Samples","Score","Score Error (99.9%)","Unit","Param: backend","Param: observe"
        tail -n +2 "$OUT/r$round-$mode.csv" | awk -F, -v m="$mode" -v r="$round" \
            '{gsub(/"/, "", $1); n = split($1, p, "."); print r, m, p[n], $5}' >> "$OUT/samples.txt"
    done
    echo "round $round of $ROUNDS done, load $(cut -d' ' -f1-3 /proc/loadavg)"
done
median() { sort -g | awk '{a[NR]=$1} END {if (NR%2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'; }
{
    echo "| benchmark | mode | ns/op (median of $ROUNDS rounds) | ratio to off (median of per-round ratios) |"
    echo "|---|---|---|---|"
    for bench in $(awk '{print $3}' "$OUT/samples.txt" | sort -u); do
        for mode in $MODES; do
            med=$(awk -v b="$bench" -v m="$mode" '$3 == b && $2 == m {print $4}' "$OUT/samples.txt" | median)
            ratio=$(awk -v b="$bench" -v m="$mode" '$3 == b && $2 == "off" {off[$1] = $4} $3 == b && $2 == m {v[$1] = $4}
                END {for (r in v) if (off[r] > 0) printf "%.4f\n", v[r] / off[r]}' "$OUT/samples.txt" | median)
            printf '| %s | %s | %.1f | %.3f |\n' "$bench" "$mode" "$med" "$ratio"
        done
    done
} | tee "$OUT/table.md"
