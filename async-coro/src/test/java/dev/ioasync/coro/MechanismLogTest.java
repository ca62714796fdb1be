package dev.ioasync.coro;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a Coro program logs about its mechanism, in real child JVMs with the default logging
 * set-up: nothing at INFO or above when Continuation runs, one WARNING naming the flag to add on
 * the fallback.
 */
class MechanismLogTest {

    private static final String FLAG = "--add-exports java.base/jdk.internal.vm=ALL-UNNAMED";

    @TempDir
    Path dir;

    private String[] run(String... jvmArgs) throws Exception {
        String java = ProcessHandle.current().info().command().orElseThrow();
        List<String> cmd = new ArrayList<>();
        cmd.add(java);
        cmd.addAll(List.of(jvmArgs));
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), MechanismLogMain.class.getName()));
        File out = dir.resolve("out").toFile();
        File err = dir.resolve("err").toFile();
        Process p = new ProcessBuilder(cmd).redirectOutput(out).redirectError(err)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("child JVM ended").isTrue();
        String stdout = Files.readString(out.toPath(), StandardCharsets.UTF_8);
        String stderr = Files.readString(err.toPath(), StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(stderr).isZero();
        return new String[] {stdout, stderr};
    }

    @Test
    void continuationLogsNothingAtTheDefaultLevel() throws Exception {
        String[] r = run("--add-exports", "java.base/jdk.internal.vm=ALL-UNNAMED");
        assertThat(r[0]).contains("mechanism=continuation");
        assertThat(r[1]).doesNotContain("Coro").doesNotContain("INFO");
    }

    @Test
    void theFallbackLogsOneWarningNamingTheFlag() throws Exception {
        String[] r = run();
        assertThat(r[0]).contains("mechanism=virtual-thread");
        assertThat(r[1].split("WARNING", -1)).as(r[1]).hasSize(2);
        assertThat(r[1]).contains("WARNING: Coro runs on virtual threads").contains(FLAG).doesNotContain("INFO");
    }
}
