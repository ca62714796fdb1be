package dev.ioasync.loop.epoll;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.ioasync.BackendUnavailableException;
import dev.ioasync.Loop;
import dev.ioasync.spi.LoopProvider;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
 * Which backend the magic constructor picks on Linux with all three backend modules on the class
 * path: epoll by default, select when {@code -Dioasync.loop} or {@code IO_ASYNC_LOOP} says so, and
 * an error carrying Netty's cause for kqueue. Environment cases run in a child JVM with the same
 * class path.
 */
@ExtendWith(EpollAvailableCondition.class)
@EnabledOnOs(OS.LINUX)
class EpollBackendChoiceIT {

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
    void allThreeBackendsAreListedEpollFirst() {
        List<LoopProvider> providers = Loop.providers();
        assertThat(providers).extracting(LoopProvider::name).contains("epoll", "select", "kqueue");
        assertThat(providers.get(0).name()).isEqualTo("epoll");
        assertThat(providers).filteredOn(p -> p.name().equals("epoll")).allMatch(LoopProvider::isAvailable);
        assertThat(providers).filteredOn(p -> p.name().equals("select")).allMatch(LoopProvider::isAvailable);
        assertThat(providers).filteredOn(p -> p.name().equals("kqueue")).noneMatch(LoopProvider::isAvailable);
    }

    @Test
    void theMagicConstructorPicksEpollWithNoFlags() {
        assumeThat(System.getenv(Loop.BACKEND_ENVIRONMENT)).as(Loop.BACKEND_ENVIRONMENT
                + " is set for this JVM; the child-JVM test covers the default").isNull();
        System.clearProperty(Loop.BACKEND_PROPERTY);
        assertThat(Loop.backendRequest()).isEmpty();
        try (Loop loop = Loop.create()) {
            assertThat(loop.backend()).isEqualTo("epoll");
        }
    }

    @Test
    void theMagicConstructorPicksEpollInAFreshJvmWithNoFlags() throws Exception {
        assertThat(runChild(Map.of())).isEqualTo("backend=epoll");
    }

    @Test
    void thePropertyPicksSelect() {
        System.setProperty(Loop.BACKEND_PROPERTY, "select");
        assertThat(Loop.backendRequest()).hasValue("-Dioasync.loop=select");
        try (Loop loop = Loop.create()) {
            assertThat(loop.backend()).isEqualTo("select");
        }
    }

    @Test
    void theEnvironmentVariablePicksSelect() throws Exception {
        assertThat(runChild(Map.of(Loop.BACKEND_ENVIRONMENT, "select"))).isEqualTo("backend=select");
    }

    @Test
    void kqueueByNameFailsWithNettysCause() {
        Throwable cause = Loop.providers().stream().filter(p -> p.name().equals("kqueue")).findFirst().orElseThrow()
                .unavailabilityCause().orElseThrow();
        assertThatThrownBy(() -> Loop.create("kqueue")).isInstanceOf(BackendUnavailableException.class)
                .hasMessageContaining("'kqueue'").hasMessageContaining("Only supported on OSX/BSD")
                .hasMessageContaining(BackendUnavailableException.describe(cause));
    }

    @Test
    void kqueueByEnvironmentFailsWithNettysCauseNeverAFallback() throws Exception {
        assertThat(runChild(Map.of(Loop.BACKEND_ENVIRONMENT, "kqueue")))
                .startsWith("unavailable=").contains("kqueue").contains("Only supported on OSX/BSD");
    }

    /** Runs {@link PrintBackend} in a child JVM with this class path and {@code env} (and no IO_ASYNC_LOOP otherwise). */
    private static String runChild(Map<String, String> env) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> cmd = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED", "-cp", classPath,
                PrintBackend.class.getName()));
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
