package dev.ioasync.examples;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
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
        return ioasync(jvmOptions, env, null, args);
    }

    /** The command that runs {@code ioasync} in a child JVM. */
    private static List<String> javaCommand(List<String> jvmOptions, String... args) {
        String java = ProcessHandle.current().info().command()
                .orElseGet(() -> Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> command = new ArrayList<>();
        command.add(java);
        command.add("--enable-native-access=ALL-UNNAMED"); // the epoll backend loads Netty's JNI library
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        return command;
    }

    /** As above, with the child's standard input read from {@code stdin} ({@code null}: /dev/null). */
    private Result ioasync(List<String> jvmOptions, Map<String, String> env, Path stdin, String... args)
            throws IOException, InterruptedException {
        List<String> command = javaCommand(jvmOptions, args);
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        ProcessBuilder pb = new ProcessBuilder(command)
                .redirectInput(ProcessBuilder.Redirect.from(stdin == null ? nullDevice() : stdin.toFile()))
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
        assertThat(r.err()).isEqualTo("ioasync: unknown command 'nosuch'\nTry 'ioasync help' for more.\n");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void aBadTailIntervalIsOneLineAndStatusTwoWithoutAStackTrace() throws Exception {
        Path log = Files.writeString(dir.resolve("app.log"), "x\n");
        for (String interval : List.of("0", "-5")) {
            Result r = ioasync(List.of(), Map.of(), "tail", "--interval", interval, log.toString());
            assertThat(r.status()).isEqualTo(2);
            assertThat(r.err()).isEqualTo("ioasync tail: --interval takes milliseconds from 1 to 3600000, not " + interval
                    + "\nTry 'ioasync help tail' for more.\n");
        }
    }

    @Test
    void runPassesItsRealStandardInputAndExitsWithTheChildsStatus() throws Exception {
        Path input = Files.writeString(dir.resolve("input.txt"), "one\ntwo\n");
        Result r = ioasync(List.of(), Map.of(), input, "run", "--", "sh", "-c", "cat; exit 7");
        assertThat(r.status()).isEqualTo(7);
        assertThat(r.out()).isEqualTo("one\ntwo\n");
        assertThat(r.err()).isEqualTo("[sh -c cat; exit 7: exit 7]\n");

        Result killed = ioasync(List.of(), Map.of(), input, "run", "--", "sh", "-c", "kill -TERM $$");
        assertThat(killed.status()).isEqualTo(128 + 15);
    }

    @Test
    void ctrlCEndsTailWith130() throws Exception {
        assumeTrue(Sigint.handled(), Sigint.IGNORED);
        Path log = Files.writeString(dir.resolve("app.log"), "already there\n");
        List<String> command = javaCommand(List.of(), "tail", "--from-start", "--interval", "20", log.toString());
        Process p = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(nullDevice()))
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            assertThat(out.readLine()).as("tail prints the line: it follows the file").isEqualTo("already there");
            new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor(30, SECONDS);
            assertThat(p.waitFor(30, SECONDS)).as("tail ended after SIGINT").isTrue();
            assertThat(p.exitValue()).isEqualTo(130);
        } finally {
            p.destroyForcibly();
        }
    }
}
