#!/usr/bin/env bash
# run-timers.sh -- Perl IO::Async timers.pl, then the ioasync-java JMH twins, one after another.
#
# Usage (from anywhere):  bash async-bench/run-timers.sh [extra JMH args...]
#   e.g. bash async-bench/run-timers.sh -prof gc          (adds a profiler to every benchmark)
#        SKIP_PERL=1 bash async-bench/run-timers.sh 'TimerBench.scheduleFire'
#
# Environment:
#   JMH_OPTS   JMH settings (default: -f 2 -wi 3 -i 5 -w 1s -r 1s; ~4 min on 2 cores)
#   BENCH_JAVA a java (21+) to use instead of the one found
#   OUT        where results go (default: async-bench/target/bench-results)
#   SKIP_PERL  set to 1 to skip timers.pl
#   REBUILD    set to 1 to rebuild the jar even when it is up to date
#   SUMMARY_ONLY set to 1 to only print the summary of the results already in $OUT
#
# Results: $OUT/perl-timers.txt, $OUT/jmh.json (-rf json), $OUT/jmh.log, $OUT/env.txt
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
JAR=$ROOT/async-bench/target/benchmarks.jar
OUT=${OUT:-$ROOT/async-bench/target/bench-results}
JMH_OPTS=${JMH_OPTS:--f 2 -wi 3 -i 5 -w 1s -r 1s}
mkdir -p "$OUT"

say() { printf '\n== %s\n' "$*"; }

# ---------------------------------------------------------------- summary (printed at the end)
summary() {
    if [[ -f $OUT/perl-timers.txt ]]; then
    say "Perl RESULT lines ($OUT/perl-timers.txt)"
    grep '^RESULT' "$OUT/perl-timers.txt"
    fi
    say "JMH summary ($OUT/jmh.log)"
    sed -n '/^Benchmark  /,$p' "$OUT/jmh.log"
    say "JMH as rates (avgt: M/s = 10^3 / (ns/op); sample: percentiles) from $OUT/jmh.json"
    perl -MJSON::PP -e '
    local $/; my $r = JSON::PP->new->decode(<STDIN>);
    sub median { my @s = sort { $a <=> $b } @_; @s % 2 ? $s[$#s / 2] : ($s[@s / 2 - 1] + $s[@s / 2]) / 2 }
    for my $bm (@$r) {
        my ($name) = $bm->{benchmark} =~ /([^.]+\.[^.]+)$/;
        my $m = $bm->{primaryMetric};
        if ($bm->{mode} eq "avgt" && $m->{scoreUnit} eq "ns/op") {
            my @it = map { @$_ } @{ $m->{rawData} };           # one score per measured iteration, all forks
            my ($min, $max) = (sort { $a <=> $b } @it)[0, -1];
            my $med = median(@it);
            printf "%-33s median %7.1f ns/op = %6.2f M/s | mean %7.1f +- %6.1f ns/op | iterations %.2f..%.2f M/s (n=%d)\n",
                $name, $med, 1e3 / $med, $m->{score}, $m->{scoreError}, 1e3 / $max, 1e3 / $min, scalar @it;
        } elsif ($bm->{mode} eq "sample") {
            my $p = $m->{scorePercentiles};
            printf "%-33s p50 %.2f  p90 %.2f  p99 %.2f  p99.9 %.2f  mean %.2f %s\n",
                $name, @$p{qw(50.0 90.0 99.0 99.9)}, $m->{score}, $m->{scoreUnit};
        } else {
            printf "%-33s %s %s\n", $name, $m->{score}, $m->{scoreUnit};
        }
    }' < "$OUT/jmh.json"
}
if [[ ${SUMMARY_ONLY:-0} == 1 ]]; then
    summary
    exit 0
fi

# ---------------------------------------------------------------- a JDK 21+ and the jar
# shellcheck source=bench-lib.sh
source "$ROOT/async-bench/bench-lib.sh"
PERL_DIR=$(find_perl_anchors)
JAVA=$(find_java)
if [[ -z $JAVA ]]; then
    echo "run-timers.sh: no JDK 21+ found (set JAVA_HOME or BENCH_JAVA; /usr/lib/jvm has none)" >&2
    exit 1
fi
ensure_jar

# ---------------------------------------------------------------- the machine
{
    echo "date: $(date -u '+%Y-%m-%d %H:%M:%S UTC')"
    echo "host: $(uname -srm), nproc=$(nproc)"
    echo "cpu: $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)"
    echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
    echo "java: $JAVA"
    "$JAVA" -version 2>&1 | sed 's/^/  /'
    echo "perl: $(perl -e 'printf "%vd", $^V')"
    echo "IO::Async: $(perl -MIO::Async -e 'print $IO::Async::VERSION' 2>/dev/null || echo missing)"
    echo "Heap: $(perl -MHeap::Fibonacci -e 'print $Heap::VERSION // $Heap::Fibonacci::VERSION' 2>/dev/null || echo missing)"
    echo "JMH_OPTS: $JMH_OPTS $*"
} | tee "$OUT/env.txt"

# ---------------------------------------------------------------- Perl timers.pl
if [[ ${SKIP_PERL:-0} != 1 ]]; then
    ensure_perl_anchors
    say "perl timers.pl (IO::Async, Heap::Fibonacci then array TimeQueue)"
    (cd "$PERL_DIR" && perl timers.pl) | tee "$OUT/perl-timers.txt"
fi

# ---------------------------------------------------------------- JMH
say "JMH: $JAVA -jar $JAR $JMH_OPTS $*"
# shellcheck disable=SC2086 # JMH_OPTS is a list of words
set +e
if [[ $# -eq 0 ]]; then
    set -- 'TimerBench|LaterBench|WakeupBench'
fi
"$JAVA" -jar "$JAR" $JMH_OPTS -jvmArgsAppend --enable-native-access=ALL-UNNAMED -rf json -rff "$OUT/jmh.json" "$@" 2>&1 |
    tee "$OUT/jmh.log" | grep --line-buffered -E '^# (Benchmark|Parameters): |^Result "|^  [0-9].*±'
status=${PIPESTATUS[0]}
set -e
if [[ $status -ne 0 ]]; then
    echo "run-timers.sh: JMH failed ($status); see $OUT/jmh.log" >&2
    exit "$status"
fi

summary
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$OUT/env.txt"
