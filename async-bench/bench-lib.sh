#!/usr/bin/env bash
# bench-lib.sh -- what the benchmark scripts share: finding a JDK 21+ and building the jar.
# Source it after setting ROOT (the repository root).

# The class files target Java 21; `java` on PATH may be older (17 here).
java_major() { # prints the feature version of the java given, or nothing
    "$1" -XshowSettings:properties -version 2>&1 |
        sed -n 's/^ *java\.specification\.version = \(1\.\)\{0,1\}\([0-9][0-9]*\).*/\2/p' | head -n 1
}
find_java() {
    local j v best="" bestv=0
    if [[ -n ${BENCH_JAVA:-} ]]; then
        echo "$BENCH_JAVA"; return
    fi
    if [[ -n ${JAVA_HOME:-} && -x $JAVA_HOME/bin/java ]]; then
        v=$(java_major "$JAVA_HOME/bin/java")
        if [[ -n $v && $v -ge 21 ]]; then echo "$JAVA_HOME/bin/java"; return; fi
    fi
    for j in /usr/lib/jvm/*/bin/java; do
        [[ -x $j ]] || continue
        v=$(java_major "$j")
        if [[ -n $v && $v -ge 21 && $v -gt $bestv ]]; then best=$j; bestv=$v; fi
    done
    echo "$best"
}

# Builds async-bench/target/benchmarks.jar when it is missing, older than the sources, or REBUILD=1.
ensure_jar() {
    local jar=$ROOT/async-bench/target/benchmarks.jar stale=""
    if [[ -f $jar ]]; then
        stale=$(find "$ROOT" -path "$ROOT/*/src/main/*" -newer "$jar" -type f -print -quit 2>/dev/null)
    fi
    if [[ ! -f $jar || -n $stale || ${REBUILD:-0} == 1 ]]; then
        printf '\n== building %s%s\n' "$jar" "${stale:+ (sources changed: $stale)}"
        (cd "$ROOT" && mvn -B -q -pl async-bench -am package -DskipTests)
    fi
}

# Installs the Perl anchors' Debian packages (../shared/anchors/perl/README.md) when a module they
# use is missing, and says so; does nothing with SKIP_PERL=1.
ensure_perl_anchors() {
    local m missing=""
    [[ ${SKIP_PERL:-0} == 1 ]] && return 0
    for m in IO::Async IO::Async::Loop::Epoll Coro Future Heap::Fibonacci AnyEvent EV; do
        perl -M"$m" -e1 2>/dev/null || missing="$missing $m"
    done
    [[ -z $missing ]] && return 0
    echo "== Perl modules missing:$missing; installing the anchors' Debian packages with apt-get"
    local sudo_=""
    [[ $(id -u) -ne 0 ]] && sudo_=sudo
    $sudo_ apt-get update -q
    DEBIAN_FRONTEND=noninteractive $sudo_ apt-get install -y -q libio-async-perl libio-async-loop-epoll-perl \
        libcoro-perl libfuture-perl libanyevent-perl libev-perl libheap-perl
}

# Prints the folder of the Perl anchors' scripts: $PERL_ANCHORS, else ../shared/anchors/perl
# beside the repository, else /work/shared/anchors/perl. Where there is none it prints nothing,
# and unless SKIP_PERL=1 it says what to do and ends the script.
find_perl_anchors() {
    local d
    for d in "${PERL_ANCHORS:-}" "$ROOT/../shared/anchors/perl" /work/shared/anchors/perl; do
        if [[ -n $d && -f $d/timers.pl ]]; then
            (cd "$d" && pwd)
            return
        fi
    done
    if [[ ${SKIP_PERL:-0} != 1 ]]; then
        echo "$(basename "$0"): the Perl anchors (timers.pl, echo_pingpong.pl, ...) are not in \$PERL_ANCHORS," \
            "$ROOT/../shared/anchors/perl or /work/shared/anchors/perl; set PERL_ANCHORS, or SKIP_PERL=1 to run without Perl" >&2
        exit 1
    fi
}

# Prints the folder of the independent Java anchors (../shared/anchors/java: raw Netty and raw JDK
# ceilings), building their jar with Maven when it is missing: $ANCHORS_JAVA, else
# ../shared/anchors/java beside the repository, else /work/shared/anchors/java. Fails (status 1,
# nothing printed) when there is none or it does not build.
find_java_anchors() {
    local d
    for d in "${ANCHORS_JAVA:-}" "$ROOT/../shared/anchors/java" /work/shared/anchors/java; do
        if [[ -n $d && -x $d/run.sh ]]; then
            if [[ ! -f $d/target/anchors-java.jar ]]; then
                echo "== building the Java anchors in $d" >&2
                (cd "$d" && mvn -B -q package -DskipTests) >&2 || return 1
            fi
            (cd "$d" && pwd)
            return 0
        fi
    done
    return 1
}
