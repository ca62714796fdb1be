#!/usr/bin/env bash
# run-group.sh -- LoopGroup against one loop and raw Netty, one run, side by side, rounds
# interleaved (A B C D, A B C D, ...: on a shared machine only the ratios mean something).
#
# 1. Echo over 1 000 connections (EchoScaling's closed loop: every connection keeps one 16-byte
#    message in flight), the server in a process of its own, the clients in another JVM:
#      epoll           one ioasync Loop on epoll
#      group-epoll-2   a LoopGroup of 2 epoll loops (a SO_REUSEPORT listening socket per loop)
#      netty-epoll-1   raw Netty 4.2, MultiThreadIoEventLoopGroup(1, EpollIoHandler)
#      netty-epoll-2   raw Netty 4.2, MultiThreadIoEventLoopGroup(2, EpollIoHandler)
#    Results: $OUT/group-echo-SERVER-rROUND.txt (RESULT lines), a summary in $OUT/summary.txt
#    (per server: the median over rounds of the mean echoes/s, p50 and p99 round trip, RSS).
#
# 2. MANY100K=1: the moonshot, 100 000 concurrent connections on one LoopGroup of 2 epoll loops
#    (ManyConnHarness group-epoll-2): the clients in their own JVM, bound in turn to 127.0.0.2 ..
#    127.0.0.9 (one source address has only ~28 000 ephemeral ports towards one server port),
#    each echoing a 16-byte message every 5 s (0.2 msgs/s) for 60 s; prints messages dropped,
#    connections closed, the server's resident set, heap after GC and fds
#    ($OUT/many100k.txt). Each process needs about 100 000 file descriptors: the script raises
#    the soft limit to the hard one with `ulimit -n`, and tries to raise the hard limit to
#    MANY100K_FDS (default 210000) first; raising the hard limit needs root (CAP_SYS_RESOURCE,
#    which a container may withhold even from root) and fs.nr_open at least that high; where it
#    cannot, the run says so and is skipped. The kernel also needs memory for 200 000 loopback
#    sockets (about 1-2 GB here).
#
# Usage: bash async-bench/run-group.sh            (about 3 minutes on 2 cores)
#        MANY100K=1 bash async-bench/run-group.sh (about 3 more minutes; GROUP_ECHO=0 skips part 1)
# Environment: OUT (the run folder, default async-bench/target/bench-results/DATE-group),
#   BENCH_JAVA, BENCH_JAR (a benchmarks.jar to use as it is, instead of building one), ROUNDS (3), SECS (measured seconds per point, 5), CONNS (1000), SERVERS (the list
#   above), MANY100K_CONNS (100000), MANY100K_SECS (60), MANY100K_RATE (0.2 msgs/s per
#   connection), MANY100K_SOURCES (8), MANY100K_SERVER (group-epoll-2), SERVER_JVM_OPTS for the
#   server JVM (default for the 100k run: -Xmx1g).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
OUT=${OUT:-$ROOT/async-bench/target/bench-results/$(date -u +%Y-%m-%dT%H%MZ)-group}
mkdir -p "$OUT"
# shellcheck source=bench-lib.sh
source "$ROOT/async-bench/bench-lib.sh"
J=$(find_java)
[[ -n $J ]] || { echo "run-group.sh: no JDK 21+ found (set BENCH_JAVA)" >&2; exit 1; }
if [[ -n ${BENCH_JAR:-} ]]; then   # a copy of the jar, e.g. while a build rewrites target/
    CP=$BENCH_JAR
else
    ensure_jar
    CP=$ROOT/async-bench/target/benchmarks.jar
fi
NATIVE=--enable-native-access=ALL-UNNAMED
stamp() { echo "$1 $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$OUT/times.txt"; }
: > "$OUT/times.txt"
stamp start

# ---------------------------------------------------------------- 1: echo over 1 000 connections
if [[ ${GROUP_ECHO:-1} == 1 ]]; then
    SERVERS=${SERVERS:-epoll group-epoll-2 netty-epoll-1 netty-epoll-2}
    ROUNDS=${ROUNDS:-3}
    CONNS=${CONNS:-1000}
    SECS=${SECS:-5}
    # 1 000 connections put 1 000 sockets in each process: far under the limit, but raise it anyway
    ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
    for r in $(seq 1 "$ROUNDS"); do
        for s in $SERVERS; do
            f=$OUT/group-echo-$s-r$r.txt
            "$J" $NATIVE -cp "$CP" dev.ioasync.bench.manyconn.EchoScaling "$s" "$CONNS" "$SECS" > "$f" 2>&1 \
                || stamp "FAILED EchoScaling $s round $r (see $f)"
        done
        stamp "echo round $r done"
    done
    {
        printf '%-15s %12s %10s %10s %9s   (median over %s rounds; %s connections, %s s each)\n' \
            server echoes/s p50_us p99_us rss_MB "$ROUNDS" "$CONNS" "$SECS"
        for s in $SERVERS; do
            # per round: the mean of the per-second echo counts, and the round's p50, p99, rss
            for r in $(seq 1 "$ROUNDS"); do
                awk -F'[= ]' '/_throughput=/ {t += $3; n++} /_p50=/ {p50 = $3} /_p99=/ {p99 = $3}
                    /_rss=/ {rss = $3} END {if (n) printf "%.0f %.1f %.1f %.1f\n", t / n, p50, p99, rss}' \
                    "$OUT/group-echo-$s-r$r.txt"
            done | sort -n | awk -v s="$s" '{v[NR] = $0} END {if (NR) {split(v[int((NR + 1) / 2)], m, " ");
                printf "%-15s %12s %10s %10s %9s\n", s, m[1], m[2], m[3], m[4]} else printf "%-15s no result\n", s}'
        done
    } | tee "$OUT/summary.txt"
    stamp "echo done"
fi

# ---------------------------------------------------------------- 2: 100 000 connections
if [[ ${MANY100K:-0} == 1 ]]; then
    want=${MANY100K_CONNS:-100000}
    fds=${MANY100K_FDS:-210000}
    # Raising the hard limit needs root (CAP_SYS_RESOURCE); the soft limit can go up to the hard one.
    ulimit -Hn "$fds" 2>/dev/null || echo "run-group.sh: cannot raise the hard fd limit to $fds (needs root with" \
        "CAP_SYS_RESOURCE and fs.nr_open >= $fds; it stays $(ulimit -Hn))" | tee -a "$OUT/many100k.log"
    ulimit -n "$(ulimit -Hn)"
    if (( $(ulimit -n) < want + 1000 )); then
        echo "run-group.sh: skipped the ${want}-connection run: each process needs about $((want + 1000)) file" \
            "descriptors and the limit here is $(ulimit -n) (hard $(ulimit -Hn)); run as root where the hard limit" \
            "can be raised, or set MANY100K_CONNS lower" | tee -a "$OUT/many100k.log"
        stamp "many100k skipped (fd limit $(ulimit -n))"
    else
        # the JVM would raise its own soft limit to the hard one too (-XX:+MaxFDLimit); both
        # processes inherit this shell's limits
        SERVER_JVM_OPTS=${SERVER_JVM_OPTS:--Xmx1g} "$J" $NATIVE -Xmx1g -cp "$CP" \
            dev.ioasync.bench.manyconn.ManyConnHarness "${MANY100K_SERVER:-group-epoll-2}" "$want" \
            "${MANY100K_SECS:-60}" "${MANY100K_RATE:-0.2}" "${MANY100K_SOURCES:-8}" \
            > "$OUT/many100k.txt" 2>> "$OUT/many100k.log" || stamp "FAILED ManyConnHarness $want (see $OUT/many100k.log)"
        cat "$OUT/many100k.txt"
        stamp "many100k done"
    fi
fi
stamp end
