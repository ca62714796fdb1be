J25=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
A=/tmp/ppsplit/integ.jar
B=/work/bench-base/benchmarks.jar
for r in 1 2 3 4 5 6; do
 for b in epoll select; do
  echo "== $r before $b"; $J25 -cp $B:$A dev.ioasync.bench.PingPongCpu $b 300000 2>&1 | grep RESULT
  echo "== $r after $b"; $J25 -cp $A dev.ioasync.bench.PingPongCpu $b 300000 2>&1 | grep RESULT
 done
done
