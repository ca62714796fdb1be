package dev.ioasync.bench.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JmhJsonTest {

    private final Map<String, Measure> m;

    JmhJsonTest() throws IOException {
        m = JmhJson.parse(Files.readString(FixtureRun.dir().resolve("timers/jmh.json")));
    }

    @Test
    void averageTimeBecomesOneRatePerIterationOfEveryFork() {
        Measure sf = m.get("TimerBench.scheduleFire{backend=select,n=100000}");
        assertThat(sf.unit()).isEqualTo("ops/s");
        assertThat(sf.values()).containsExactlyInAnyOrder(1e7, 2e7, 5e6);
        assertThat(sf.median()).isEqualTo(1e7);
        assertThat(sf.min()).isEqualTo(5e6);
    }

    @Test
    void sampleModeGivesTheRateAndPercentilesInMicroseconds() {
        assertThat(m.get("WakeupBench.wakeBlockedLoop{backend=epoll}").median()).isCloseTo(2e5, within(1e-6));
        assertThat(m.get("WakeupBench.wakeBlockedLoop{backend=epoll}:p50").median()).isEqualTo(4.0);
        assertThat(m.get("WakeupBench.wakeBlockedLoop{backend=epoll}:p99").unit()).isEqualTo("us");
    }

    @Test
    void singleShotStaysATimeAndThroughputIsScaled() {
        Measure ss = m.get("FunctionBench.processStartToFirstResult");
        assertThat(ss.unit()).isEqualTo("ms");
        assertThat(ss.median()).isEqualTo(400.0);
        assertThat(m.get("CoroBench.asyncJoin").median()).isEqualTo(2e6);
    }

    @Test
    void jsonReaderHandlesEscapesAndLiterals() {
        Object o = Json.parse("{\"a\":[1,2.5e1,\"x\\\"y\\u0041\",true,null],\"b\":{}}");
        assertThat(o).isEqualTo(Map.of("a", java.util.Arrays.asList(1.0, 25.0, "x\"yA", true, null), "b", Map.of()));
        assertThat(Json.number("NaN")).isNaN();
    }
}
