package dev.ioasync.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ResultLinesTest {

    @Test
    void readsResultLinesAndSkipsTheRest() {
        Map<String, Measure> m = ResultLines.parse("""
                # comment
                INFO: logging
                RESULT echo_pingpong_select_1proc_msg1=105991.8 roundtrips/s
                RESULT function_w1_startup=11.5 ms
                """);
        assertThat(m).containsOnlyKeys("echo_pingpong_select_1proc_msg1", "function_w1_startup");
        assertThat(m.get("echo_pingpong_select_1proc_msg1").median()).isEqualTo(105991.8);
        assertThat(m.get("echo_pingpong_select_1proc_msg1").unit()).isEqualTo("roundtrips/s");
        assertThat(m.get("function_w1_startup").isRate()).isFalse();
    }

    @Test
    void aNameSeenTwiceKeepsBothSamples() {
        Map<String, Measure> m = ResultLines.parse("RESULT a=1 x/s\nRESULT a=3 x/s\n");
        assertThat(m.get("a").values()).containsExactly(1.0, 3.0);
        assertThat(m.get("a").median()).isEqualTo(2.0);
    }
}
