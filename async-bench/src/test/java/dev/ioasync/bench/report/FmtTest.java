package dev.ioasync.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class FmtTest {

    @Test
    void ratesAreScaledWithTheirSpread() {
        assertThat(Fmt.cell(new Measure(List.of(14.1e6, 15.4e6, 16.0e6), "ops/s"))).isEqualTo("15.4 M (14.1–16.0)");
        assertThat(Fmt.cell(Measure.of(13511, "timers/s"))).isEqualTo("13.5 k");
        assertThat(Fmt.cell(Measure.of(8588, "roundtrips/s"))).isEqualTo("8588");
        assertThat(Fmt.cell(Measure.of(9999.9, "msgs/s"))).isEqualTo("10.0 k");
        assertThat(Fmt.cell(Measure.of(0, "msgs"))).isEqualTo("0");
    }

    @Test
    void costsAreNotScaled() {
        assertThat(Fmt.cell(Measure.of(525, "bytes/coro"))).isEqualTo("525");
        assertThat(Fmt.cell(new Measure(List.of(11.5, 12.0), "us"))).isEqualTo("11.8 (11.5–12.0)");
    }

    @Test
    void ratiosKeepThreeFigures() {
        assertThat(Fmt.ratio(1141.2)).isEqualTo("1141x");
        assertThat(Fmt.ratio(10.84)).isEqualTo("10.8x");
        assertThat(Fmt.ratio(0.953)).isEqualTo("0.95x");
        assertThat(Fmt.ratio(Double.NaN)).isEqualTo("–");
    }
}
