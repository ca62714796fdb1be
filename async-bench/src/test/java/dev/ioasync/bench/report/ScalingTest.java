package dev.ioasync.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScalingTest {

    private final ScalingData data = new ScalingData(FixtureRun.dir());

    @Test
    void timerCurvesAreSortedBySizeWithTheMedianPerPoint() {
        Chart c = data.timers();
        assertThat(c.curves()).extracting(Curve::name).containsExactly("select", "Perl (Heap::Fibonacci)");
        assertThat(c.curves().get(0).xs()).containsExactly(10.0, 1000.0);
        assertThat(c.curves().get(0).ys()).containsExactly(50.0, 100.0);
        // Perl: 1e9/schedule rate + 1e9/fire rate
        assertThat(c.curves().get(1).ys()).containsExactly(30000.0);
    }

    @Test
    void coroCurvesComeFromTheRunFolderAndTheSweep() {
        assertThat(data.coroMemory().curves()).extracting(Curve::name).containsExactly("ioasync-java", "Perl Coro");
        assertThat(data.coroMemory().curves().get(0).xs()).containsExactly(1e6);
        assertThat(data.coroSwitch().curves().get(0).ys()).containsExactly(2000.0);
        assertThat(data.coroSwitch().curves().get(1).ys()).containsExactly(5000.0);
    }

    @Test
    void echoCurvesTakeTheMedianPerSecondAndMemoryCurvesNameWhatTheyMeasure() {
        Chart echo = data.echo();
        assertThat(echo.curves()).extracting(Curve::name).containsExactly("select", "Perl (Epoll)");
        assertThat(echo.curves().get(0).ys()).containsExactly(50000.0);
        assertThat(echo.curves().get(1).xs()).containsExactly(10.0, 1000.0);
        assertThat(echo.curves().get(1).ys()).containsExactly(10000.0, 8000.0);
        Chart mem = data.echoMemory();
        assertThat(mem.curves()).extracting(Curve::name)
                .containsExactly("select: resident set", "Perl (Epoll): resident set", "select: heap after GC");
        assertThat(mem.curves().get(1).ys()).containsExactly(16.0, 20.0);
    }

    @Test
    void writesOnePngPerChartWithData(@TempDir Path tmp) throws IOException {
        System.setProperty("java.awt.headless", "true");
        List<String> links = ScalingCharts.write(data.charts(), tmp.resolve("benchmarks"), "benchmarks/");
        assertThat(links).containsExactly(
                "![Timers: schedule + fire cost per timer](benchmarks/timers.png)",
                "![Echo over N connections, one 16-byte message in flight on each](benchmarks/echo.png)",
                "![Echo server memory with N connections open](benchmarks/echo-memory.png)",
                "![Memory per idle coro (blocked on a semaphore)](benchmarks/coro-memory.png)",
                "![Wake + finish + join of N blocked coros, cost per coro](benchmarks/coro-switch.png)");
        byte[] png = Files.readAllBytes(tmp.resolve("benchmarks/timers.png"));
        assertThat(png).startsWith((byte) 0x89, (byte) 'P', (byte) 'N', (byte) 'G');
        assertThat(Files.exists(tmp.resolve("benchmarks/function-workers.png"))).isFalse();
    }
}
