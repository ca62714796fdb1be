package com.example.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ioasync.Loop;
import dev.ioasync.coro.CoroScheduler;
import dev.ioasync.spi.LoopProvider;
import dev.ioasync.testkit.LoopExtension;
import dev.ioasync.testkit.LoopRunner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(LoopExtension.class)
class AppTest {

    @Test
    void runsOnThePathItWasBuiltFor() {
        boolean modulePath = Boolean.getBoolean("consumer.expectModulePath");
        assertEquals(modulePath, App.class.getModule().isNamed(), "the app's module");
        assertEquals(modulePath, Loop.class.getModule().isNamed(), "async-api's module");
        if (modulePath) {
            assertEquals("dev.ioasync", Loop.class.getModule().getName());
        }
    }

    @Test
    void everyBackendIsFoundAndLoopCreateWorks() {
        List<String> names = Loop.providers().stream().map(LoopProvider::name).toList();
        assertTrue(names.containsAll(List.of("select", "epoll", "kqueue")), "providers: " + names);
        try (Loop loop = Loop.create()) {
            String os = System.getProperty("os.name");
            if (os.startsWith("Linux")) {
                assertEquals("epoll", loop.backend(), "Linux takes epoll; epoll says: "
                        + Loop.providers().stream().filter(p -> p.name().equals("epoll")).findFirst()
                                .flatMap(LoopProvider::unavailabilityCause).map(Throwable::toString).orElse("available"));
            }
        }
    }

    @Test
    void aTimerACoroAndAFunctionCall(Loop loop) {
        assertEquals(List.of("timer", "coro", "function=3"), App.run(loop));
        assertEquals("continuation", CoroScheduler.of(loop).mechanism(), "the --add-exports flag reached Coro");
    }

    @Test
    void theTestkitRunsTheLoop(Loop loop) {
        assertEquals("late", LoopRunner.await(loop, loop.delay(Duration.ofMillis(5)).then(v -> dev.ioasync.Future.doneFuture("late")),
                Duration.ofSeconds(10)));
    }

    /**
     * A plain {@code java -p ... -m} command, as a user starts the app: no --add-modules. The backends
     * come in by service binding; epoll's native jar is required by no module, so the backend loads
     * Netty's library from it on the module path itself: Loop.create() takes epoll either way.
     */
    @Test
    void aPlainJavaCommandOnTheModulePath() throws IOException, InterruptedException {
        if (!Boolean.getBoolean("consumer.expectModulePath")) {
            return; // only the module-path run has a module path to hand on
        }
        // every jar on -p, as a user lists them: surefire left the native jars (required by no module)
        // on the class path
        String modulePath = System.getProperty("jdk.module.path") + java.io.File.pathSeparator
                + String.join(java.io.File.pathSeparator, System.getProperty("java.class.path").lines()
                        .flatMap(cp -> List.of(cp.split(java.io.File.pathSeparator)).stream())
                        .filter(jar -> jar.contains("netty-transport-native-"))
                        .toList());
        boolean linux = System.getProperty("os.name").startsWith("Linux");
        String expected = "[timer, coro, function=3]";

        List<String> plain = run(modulePath, List.of());
        assertEquals(List.of((linux ? "epoll " : plain.get(0).split(" ")[0] + " ") + expected), plain);

        if (linux) {
            String arch = System.getProperty("os.arch").equals("aarch64") ? "aarch_64" : "x86_64";
            List<String> withNative = run(modulePath, List.of("--add-modules", "io.netty.transport.epoll.linux." + arch));
            assertEquals(List.of("epoll " + expected), withNative);
        }
    }

    /**
     * On the module path, a backend this project makes whose module is absent (io_uring: not a
     * dependency of this project) is a BackendUnavailableException naming its module and artifact;
     * a backend module whose Netty native jar is absent is refused by the JVM at start-up (JPMS
     * resolves the graph before any code runs), with a message that names the missing module.
     */
    @Test
    void aMissingModuleIsNamedOnTheModulePath() throws IOException, InterruptedException {
        if (!Boolean.getBoolean("consumer.expectModulePath")) {
            return; // the class-path message is checked by the TCK's MisuseTck
        }
        String modulePath = System.getProperty("jdk.module.path");
        List<String> out = run(modulePath, List.of(), List.of("io_uring")).stdout();
        assertEquals(1, out.size(), out.toString());
        assertTrue(out.get(0).startsWith("unavailable: loop backend 'io_uring' is not on the module path: its module "
                + "dev.ioasync.loop.iouring (artifact async-loop-io_uring) is missing; add the Maven dependency "
                + "dev.ioasync:async-loop-io_uring (on the module path now: "), out.get(0));
        if (System.getProperty("os.name").startsWith("Linux")) {
            String withoutNative = String.join(java.io.File.pathSeparator, List.of(modulePath.split(java.io.File.pathSeparator))
                    .stream().filter(jar -> !jar.contains("netty-transport-native-epoll")).toList());
            Result refused = start(withoutNative, List.of(), List.of());
            assertTrue(refused.exit() != 0, "the JVM started without epoll's native jars: " + refused);
            // the JVM prints its boot-layer error on stdout
            String said = String.join("\n", refused.stdout()) + refused.stderr();
            assertTrue(said.contains("java.lang.module.FindException: Module io.netty.transport.epoll.linux.")
                    && said.contains("not found, required by dev.ioasync.loop.epoll"), refused.toString());
        }
    }

    /** Runs the app in a new JVM; returns its stdout lines, failing on any stderr line but Coro's INFO. */
    private static List<String> run(String modulePath, List<String> extra) throws IOException, InterruptedException {
        return run(modulePath, extra, List.of()).stdout();
    }

    private record Result(List<String> command, int exit, List<String> stdout, String stderr) {
    }

    private static Result run(String modulePath, List<String> extra, List<String> args)
            throws IOException, InterruptedException {
        Result r = start(modulePath, extra, args);
        assertEquals(0, r.exit(), "exit status; " + r);
        String err = r.stderr();
        List<String> unexpected = err.lines()
                .filter(l -> !l.contains("Mechanisms$Holder choose") && !l.startsWith("INFO: Coro mechanism"))
                .toList();
        assertEquals(List.of(), unexpected, "stderr; " + r);
        return r;
    }

    private static Result start(String modulePath, List<String> extra, List<String> args)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElseThrow(),
                "-p", modulePath,
                "--enable-native-access=io.netty.common",
                "--add-exports", "java.base/jdk.internal.vm=dev.ioasync.coro"));
        cmd.addAll(extra);
        cmd.addAll(List.of("-m", "com.example.consumer/com.example.consumer.App"));
        cmd.addAll(args);
        Process p = new ProcessBuilder(cmd).start();
        p.getOutputStream().close();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("the app did not end within 60 s: " + cmd);
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Result(cmd, p.exitValue(), out.lines().toList(), err);
    }
}
