package dev.ioasync.routine.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ioasync.routine.RoutineChannel;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The AOT cache of JDK 25+ for child JVMs: trained once in the background, then mapped by every
 * child of the same key; a rebuilt jar gets a fresh one; a stale or unusable cache costs nothing
 * but the speed. Real child JVMs running {@link ChildMain} as a Function worker.
 */
class AotCacheTest {

    private static final long WAIT_MINUTES = 5;

    @Test
    void aTrainedCacheServesChildrenQuietlyAndARebuiltJarGetsAFreshOne(@TempDir Path tmp) throws Exception {
        assumeTrue(AotCache.supported(), "the AOT cache needs JDK 25 or later; this is " + Runtime.version());
        Path jar = tmp.resolve("routine.jar");
        writeJar(jar, false);
        String cp = jar.toString();
        Path cache = ChildJvmTuning.cacheFile(List.of(), cp, ".aot");
        assertThat(cache).as("a jar class path in a private directory gets a cache").isNotNull();
        try {
            List<String> first = ChildJvmTuning.options(List.of(), Map.of(), cp);
            assertThat(first).as("before the training: the CDS archive").contains("-Xshare:auto")
                    .noneMatch(o -> o.startsWith("-XX:AOTCache"));
            assertThat(runWorker(first, cp)).as("stderr of a child with the archive").isEmpty();
            CompletableFuture<Boolean> training = AotCache.training(cache);
            assertThat(training).as("the first child's options started the training").isNotNull();
            assertThat(training.get(WAIT_MINUTES, TimeUnit.MINUTES)).as("the training wrote the cache").isTrue();
            assertThat(cache).isRegularFile();

            List<String> second = ChildJvmTuning.options(List.of(), Map.of(), cp);
            assertThat(second).contains("-XX:AOTCache=" + cache, ChildJvmTuning.QUIET_ARCHIVE, ChildJvmTuning.QUIET_AOT)
                    .as("the JVM refuses -Xshare beside an AOT cache").noneMatch(o -> o.startsWith("-Xshare"));
            assertThat(runWorker(second, cp)).as("stderr of a child with the cache").isEmpty();

            writeJar(jar, true); // rebuilt: other size, later modification time
            Files.setLastModifiedTime(jar, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() + 10_000));
            assertThat(runWorker(second, cp)).as("a child given the stale cache works and prints nothing").isEmpty();
            List<String> third = ChildJvmTuning.options(List.of(), Map.of(), cp);
            Path fresh = ChildJvmTuning.cacheFile(List.of(), cp, ".aot");
            assertThat(fresh).as("the rebuilt jar gets its own cache").isNotEqualTo(cache);
            assertThat(cache).as("the stale cache is deleted").doesNotExist();
            assertThat(third).noneMatch(o -> o.startsWith("-XX:AOTCache"));
            assertThat(AotCache.training(fresh).get(WAIT_MINUTES, TimeUnit.MINUTES)).isTrue();
            List<String> fourth = ChildJvmTuning.options(List.of(), Map.of(), cp);
            assertThat(fourth).contains("-XX:AOTCache=" + fresh);
            assertThat(runWorker(fourth, cp)).as("stderr of a child with the fresh cache").isEmpty();
            Files.deleteIfExists(fresh);
        } finally {
            Files.deleteIfExists(cache);
        }
    }

    @Test
    void anUnusableCacheFallsBackSilentlyToAWorkingStart(@TempDir Path tmp) throws Exception {
        assumeTrue(AotCache.supported(), "the AOT cache needs JDK 25 or later; this is " + Runtime.version());
        Path jar = tmp.resolve("routine.jar");
        writeJar(jar, false);
        Path garbage = tmp.resolve("garbage.aot");
        byte[] noise = new byte[64 << 10];
        new java.util.Random(42).nextBytes(noise);
        Files.write(garbage, noise);
        List<String> opts = List.of("-XX:+UseSerialGC", "-XX:AOTCache=" + garbage, ChildJvmTuning.QUIET_ARCHIVE,
                ChildJvmTuning.QUIET_AOT);
        assertThat(runWorker(opts, jar.toString())).as("stderr of a child given a corrupt cache").isEmpty();
        assertThat(runWorker(List.of("-XX:+UseSerialGC", "-XX:AOTCache=" + tmp.resolve("missing.aot"),
                ChildJvmTuning.QUIET_ARCHIVE, ChildJvmTuning.QUIET_AOT), jar.toString()))
                .as("stderr of a child given a missing cache").isEmpty();
    }

    @Test
    void theUsersSharingOptionsKeepTheCacheOut(@TempDir Path tmp) throws IOException {
        Path jar = Files.createFile(tmp.resolve("app.jar"));
        for (String own : List.of("-Xshare:auto", "-Xshare:off", "-XX:AOTCache=/x.aot", "-XX:SharedArchiveFile=/x.jsa")) {
            assertThat(ChildJvmTuning.options(List.of(own), Map.of(), jar.toString())).as(own)
                    .noneMatch(o -> o.startsWith("-XX:AOTCache"));
        }
    }

    /**
     * Runs {@link ChildMain} from the class path with the launcher's logging and the given tuning,
     * as a Function worker fed three calls; checks its answers and exit; returns its stderr.
     */
    private static String runWorker(List<String> tuning, String cp) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(ChildLauncher.javaExecutable());
        cmd.addAll(ChildLauncher.LOGGING);
        cmd.addAll(tuning);
        cmd.addAll(List.of("-cp", cp, ChildMain.class.getName()));
        Process p = new ProcessBuilder(cmd).start();
        CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> {
            try {
                return p.getErrorStream().readAllBytes();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        try (OutputStream in = p.getOutputStream()) {
            in.write(AotCache.input());
        }
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(WAIT_MINUTES, TimeUnit.MINUTES)).as("the child ended").isTrue();
        String stderr = new String(err.get(WAIT_MINUTES, TimeUnit.MINUTES), StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as("exit status; stderr: " + stderr).isZero();
        DataInputStream frames = new DataInputStream(new ByteArrayInputStream(out));
        List<Byte> kinds = new ArrayList<>();
        Frames.Frame f;
        while ((f = Frames.read(frames, Frames.Limits.TRUSTED)) != null) {
            kinds.add(f.kind());
        }
        assertThat(kinds).as("three answers, then the worker's return")
                .containsExactly(Frames.MESSAGE, Frames.MESSAGE, Frames.MESSAGE, Frames.RETURN);
        return stderr;
    }

    /** A jar of every class a child needs (this module's and its dependencies' class folders). */
    private static void writeJar(Path jar, boolean bigger) throws IOException, URISyntaxException {
        Set<Path> roots = new LinkedHashSet<>();
        for (Class<?> c : List.of(ChildMain.class, RoutineChannel.class, dev.ioasync.Loop.class)) {
            roots.add(Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()));
        }
        Set<String> seen = new java.util.HashSet<>();
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            for (Path root : roots) {
                if (Files.isDirectory(root)) {
                    try (Stream<Path> files = Files.walk(root)) {
                        for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                            String name = root.relativize(f).toString().replace('\\', '/');
                            if (seen.add(name)) {
                                out.putNextEntry(new JarEntry(name));
                                out.write(Files.readAllBytes(f));
                                out.closeEntry();
                            }
                        }
                    }
                } else {
                    try (var in = new java.util.jar.JarInputStream(Files.newInputStream(root))) {
                        JarEntry e;
                        while ((e = in.getNextJarEntry()) != null) {
                            if (!e.isDirectory() && seen.add(e.getName())) {
                                out.putNextEntry(new JarEntry(e.getName()));
                                out.write(in.readAllBytes());
                                out.closeEntry();
                            }
                        }
                    }
                }
            }
            if (bigger) {
                out.putNextEntry(new JarEntry("extra.txt"));
                out.write("rebuilt".getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }
    }
}
