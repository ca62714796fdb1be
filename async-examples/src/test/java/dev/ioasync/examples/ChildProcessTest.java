package dev.ioasync.examples;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ioasync} as a real child JVM (this JVM's {@code java}, this test's class path), so that
 * the backend choice from the JVM's own {@code -D} option and from the environment is seen as
 * {@code Loop.create()} sees it, and the exit status is the one {@code System.exit} gives.
 */
class ChildProcessTest {

    @TempDir
    Path dir;

    private record Result(int status, String out, String err) {
    }

    /**
     * Runs {@code java [jvmOptions] -cp CP dev.ioasync.examples.Main args}, with IO_ASYNC_LOOP
     * removed from the environment and then {@code env} added.
     */
    private Result ioasync(List<String> jvmOptions, Map<String, String> env, String... args)
            throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command()
                .orElseGet(() -> Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> command = new ArrayList<>();
        command.add(java);
        command.add("--enable-native-access=ALL-UNNAMED"); // the epoll backend loads Netty's JNI library
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        ProcessBuilder pb = new ProcessBuilder(command)
                .redirectInput(ProcessBuilder.Redirect.from(nullDevice()))
                .redirectOutput(out.toFile())
                .redirectError(err.toFile());
        pb.environment().remove("IO_ASYNC_LOOP");
        pb.environment().remove("JAVA_TOOL_OPTIONS");
        pb.environment().putAll(env);
        Process p = pb.start();
        try {
            assertThat(p.waitFor(30, SECONDS)).as("%s ended within 30 s", command).isTrue();
        } finally {
            p.destroyForcibly();
        }
        return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    private static java.io.File nullDevice() {
        return new java.io.File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
    }

    @Test
    void aJvmPropertyNamingAnUnknownBackendFailsNamingIt() throws Exception {
        Result r = ioasync(List.of("-Dioasync.loop=nosuch"), Map.of(), "backends");

        assertThat(r.status()).isNotZero().isEqualTo(Main.FAILED);
        assertThat(r.err()).contains("nosuch").contains("-Dioasync.loop=nosuch");
        assertThat(r.out()).contains("select").doesNotContain("picks:");
    }

    @Test
    void anEnvironmentVariableNamingAnUnknownBackendFailsNamingIt() throws Exception {
        Result r = ioasync(List.of(), Map.of("IO_ASYNC_LOOP", "nosuch"), "backends");

        assertThat(r.status()).isNotZero().isEqualTo(Main.FAILED);
        assertThat(r.err()).contains("nosuch").contains("IO_ASYNC_LOOP=nosuch");
    }

    @Test
    void theEnvironmentVariablePicksSelect() throws Exception {
        Result r = ioasync(List.of(), Map.of("IO_ASYNC_LOOP", "select"), "backends");

        assertThat(r.err()).isEmpty();
        assertThat(r.status()).isZero();
        assertThat(r.out()).contains("Loop.create() picks: select (from IO_ASYNC_LOOP=select)");
    }

    @Test
    void aLeadingDefinitionOnTheCommandLineIsSetBeforeTheCommandRuns() throws Exception {
        Result r = ioasync(List.of(), Map.of("IO_ASYNC_LOOP", "select"), "-Dioasync.loop=nosuch", "backends");

        assertThat(r.status()).isEqualTo(Main.FAILED);
        assertThat(r.err()).contains("nosuch").contains("-Dioasync.loop=nosuch");
    }

    @Test
    void anUnknownSubcommandExitsWithStatusTwo() throws Exception {
        Result r = ioasync(List.of(), Map.of(), "nosuch");

        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("unknown command 'nosuch'").contains("Usage: ioasync");
        assertThat(r.out()).isEmpty();
    }
}
