package dev.ioasync.loop.iouring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.ioasync.BackendUnavailableException;
import dev.ioasync.Loop;
import dev.ioasync.spi.LoopProvider;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Which backend the magic constructor picks on Linux with select, epoll and io_uring on the class
 * path: epoll by default (io_uring is opt-in), io_uring when {@code -Dioasync.loop} or
 * {@code IO_ASYNC_LOOP} names it ({@code io_uring} or {@code iouring}), and, where the kernel
 * refuses io_uring (a seccomp filter, as {@code io_uring_disabled} would), an error carrying
 * Netty's cause, never a fallback. Environment cases run in a child JVM with the same class path.
 */
@ExtendWith(IoUringAvailableCondition.class)
@EnabledOnOs(OS.LINUX)
class IoUringBackendChoiceIT {

    private final String savedProperty = System.getProperty(Loop.BACKEND_PROPERTY);

    @AfterEach
    void restoreProperty() {
        if (savedProperty == null) {
            System.clearProperty(Loop.BACKEND_PROPERTY);
        } else {
            System.setProperty(Loop.BACKEND_PROPERTY, savedProperty);
        }
    }

    @Test
    void ioUringIsListedAvailableBelowEpoll() {
        List<String> names = Loop.providers().stream().map(LoopProvider::name).toList();
        assertThat(names).containsSubsequence("epoll", "io_uring", "select");
        LoopProvider p = Loop.providers().stream().filter(x -> x.name().equals("io_uring")).findFirst().orElseThrow();
        assertThat(p.isAvailable()).isTrue();
        assertThat(p.unavailabilityCause()).isEmpty();
        assertThat(p.aliases()).containsExactly("iouring");
    }

    @Test
    void theMagicConstructorStillPicksEpollWithNoFlags() throws Exception {
        assertThat(runChild(Map.of(), List.of())).isEqualTo("backend=epoll");
        assumeThat(System.getenv(Loop.BACKEND_ENVIRONMENT)).as(Loop.BACKEND_ENVIRONMENT
                + " is set for this JVM; the child-JVM check above covers the default").isNull();
        System.clearProperty(Loop.BACKEND_PROPERTY);
        try (Loop loop = Loop.create()) {
            assertThat(loop.backend()).isEqualTo("epoll");
        }
    }

    @Test
    void thePropertyPicksIoUringByNameOrAlias() {
        for (String name : List.of("io_uring", "iouring", "IO_URING", "iouring,epoll")) {
            System.setProperty(Loop.BACKEND_PROPERTY, name);
            assertThat(Loop.backendRequest()).hasValue("-Dioasync.loop=" + name);
            try (Loop loop = Loop.create()) {
                assertThat(loop.backend()).as(name).isEqualTo("io_uring");
            }
        }
        try (Loop loop = Loop.create("iouring")) {
            assertThat(loop.backend()).isEqualTo("io_uring");
        }
    }

    @Test
    void thePropertyPicksIoUringInAFreshJvm() throws Exception {
        assertThat(runChild(Map.of(), List.of("-Dioasync.loop=io_uring"))).isEqualTo("backend=io_uring");
    }

    @Test
    void theEnvironmentVariablePicksIoUringByNameOrAlias() throws Exception {
        assertThat(runChild(Map.of(Loop.BACKEND_ENVIRONMENT, "io_uring"), List.of())).isEqualTo("backend=io_uring");
        assertThat(runChild(Map.of(Loop.BACKEND_ENVIRONMENT, "iouring"), List.of())).isEqualTo("backend=io_uring");
    }

    @Test
    void anUnknownNameListsTheKnownOnes() {
        assertThatThrownBy(() -> Loop.create("ioring")).isInstanceOf(BackendUnavailableException.class)
                .hasMessageContaining("no loop backend named 'ioring'").hasMessageContaining("io_uring");
    }

    // ------------------------------------------------------------------ where the kernel refuses io_uring

    @Test
    void whereTheKernelRefusesIoUringTheDefaultIsUnchanged() throws Exception {
        assertThat(runChildWithoutIoUring(Map.of(), List.of())).isEqualTo("backend=epoll");
    }

    @Test
    void whereTheKernelRefusesIoUringAskingForItFailsWithNettysCause() throws Exception {
        String byProperty = runChildWithoutIoUring(Map.of(), List.of("-Dioasync.loop=io_uring"));
        assertThat(byProperty).startsWith("unavailable=").contains("'io_uring' is not available here")
                .contains("Operation not permitted").contains("-Dioasync.loop=io_uring");
        String byEnvironment = runChildWithoutIoUring(Map.of(Loop.BACKEND_ENVIRONMENT, "iouring"), List.of());
        assertThat(byEnvironment).startsWith("unavailable=").contains("'io_uring' is not available here")
                .contains("Operation not permitted").contains("IO_ASYNC_LOOP=iouring");
    }

    @Test
    void whereTheKernelRefusesIoUringAFallbackListTakesTheNext() throws Exception {
        assertThat(runChildWithoutIoUring(Map.of(Loop.BACKEND_ENVIRONMENT, "io_uring,select"), List.of()))
                .isEqualTo("backend=select");
    }

    /** Runs {@link PrintBackend} under a seccomp filter that refuses {@code io_uring_setup} with EPERM. */
    private static String runChildWithoutIoUring(Map<String, String> env, List<String> jvmArgs) throws Exception {
        Path script = scriptPath();
        assumeThat(Files.isExecutable(Path.of("/usr/bin/python3")) || onPath("python3"))
                .as("python3 installs the seccomp filter").isTrue();
        return runChild(env, jvmArgs, List.of("python3", script.toString()));
    }

    private static Path scriptPath() throws URISyntaxException {
        return Path.of(IoUringBackendChoiceIT.class.getResource("/without-io_uring.py").toURI());
    }

    private static boolean onPath(String command) {
        String path = System.getenv("PATH");
        return path != null && List.of(path.split(":")).stream().anyMatch(d -> Files.isExecutable(Path.of(d, command)));
    }

    private static String runChild(Map<String, String> env, List<String> jvmArgs) throws IOException, InterruptedException {
        return runChild(env, jvmArgs, List.of());
    }

    /** Runs {@link PrintBackend} in a child JVM with this class path and {@code env} (and no IO_ASYNC_LOOP otherwise). */
    private static String runChild(Map<String, String> env, List<String> jvmArgs, List<String> prefix)
            throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> cmd = new ArrayList<>(prefix);
        cmd.add(java);
        cmd.add("--enable-native-access=ALL-UNNAMED");
        cmd.addAll(jvmArgs);
        cmd.addAll(List.of("-cp", classPath, PrintBackend.class.getName()));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().remove(Loop.BACKEND_ENVIRONMENT);
        pb.environment().putAll(env);
        Process p = pb.start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("the child JVM finished").isTrue();
        return out.lines().filter(l -> l.startsWith("backend=") || l.startsWith("unavailable=")).findFirst()
                .orElseThrow(() -> new AssertionError("the child JVM printed no backend:\n" + out));
    }
}
