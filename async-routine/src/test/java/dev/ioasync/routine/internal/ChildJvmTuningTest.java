package dev.ioasync.routine.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which start-up options a child JVM gets, for the class paths and user options that decide it. */
class ChildJvmTuningTest {

    @Test
    void aClassPathOfJarsGetsAQuietArchiveNamedAfterItsClassPathAndOptions(@TempDir Path tmp) throws IOException {
        Path jar = Files.createFile(tmp.resolve("app.jar"));
        Path other = Files.createFile(tmp.resolve("other.jar"));
        List<String> opts = ChildJvmTuning.options(List.of(), Map.of(), jar.toString());
        assertThat(opts).contains("-XX:+UseSerialGC", "-Xshare:auto", "-XX:+AutoCreateSharedArchive",
                ChildJvmTuning.QUIET_ARCHIVE);
        if (Runtime.version().feature() >= 25) {
            assertThat(opts).contains(ChildJvmTuning.QUIET_AOT);
        }
        String archive = archive(opts);
        assertThat(archive).endsWith(".jsa");
        assertThat(archive(ChildJvmTuning.options(List.of(), Map.of(), jar.toString()))).isEqualTo(archive);
        assertThat(archive(ChildJvmTuning.options(List.of(), Map.of(), other.toString()))).isNotEqualTo(archive);
        assertThat(archive(ChildJvmTuning.options(List.of("-Xmx64m"), Map.of(), jar.toString()))).isNotEqualTo(archive);
    }

    @Test
    void noArchiveForClassDirectoriesOrWhenTheUserManagesSharing(@TempDir Path tmp) throws IOException {
        Path jar = Files.createFile(tmp.resolve("app.jar"));
        assertThat(ChildJvmTuning.options(List.of(), Map.of(), tmp.toString()))
                .contains("-Xshare:auto").doesNotContain("-XX:+AutoCreateSharedArchive", ChildJvmTuning.QUIET_ARCHIVE);
        assertThat(ChildJvmTuning.options(List.of("-Xshare:off"), Map.of(), jar.toString()))
                .doesNotContain("-XX:+AutoCreateSharedArchive");
        assertThat(ChildJvmTuning.options(List.of("-XX:SharedArchiveFile=/x.jsa"), Map.of(), jar.toString()))
                .doesNotContain("-XX:+AutoCreateSharedArchive");
    }

    @Test
    void aRebuiltJarGetsAFreshArchiveAndNoCdsMessageReachesTheChildsStderr(@TempDir Path tmp) throws Exception {
        Path jar = tmp.resolve("app.jar");
        writeJar(jar, false);
        List<String> before = ChildJvmTuning.options(List.of(), Map.of(), jar.toString());
        String oldArchive = archive(before);
        assertThat(oldArchive).isNotEqualTo("none");
        assertThat(runChild(before, jar)).as("first child's stderr").isEmpty();
        assertThat(Path.of(oldArchive)).as("the first child wrote the archive at its exit").exists();

        writeJar(jar, true); // rebuilt: other size, later modification time
        Files.setLastModifiedTime(jar, java.nio.file.attribute.FileTime.fromMillis(
                Files.getLastModifiedTime(jar).toMillis() + 10_000));
        assertThat(runChild(before, jar)).as("a child given the stale archive still prints nothing about it")
                .isEmpty();
        List<String> after = ChildJvmTuning.options(List.of(), Map.of(), jar.toString());
        assertThat(archive(after)).as("the rebuilt jar gets its own archive").isNotEqualTo(oldArchive);
        assertThat(Path.of(oldArchive)).as("the stale archive is deleted").doesNotExist();
        assertThat(runChild(after, jar)).as("stderr with the fresh archive").isEmpty();
        assertThat(Path.of(archive(after))).exists();
        Files.deleteIfExists(Path.of(archive(after)));
    }

    /** A jar holding {@link PrintsOk}, and a second entry when {@code bigger}. */
    private static void writeJar(Path jar, boolean bigger) throws IOException {
        String entry = PrintsOk.class.getName().replace('.', '/') + ".class";
        byte[] bytes;
        try (var in = PrintsOk.class.getResourceAsStream("/" + entry)) {
            bytes = in.readAllBytes();
        }
        try (var out = new java.util.jar.JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new java.util.jar.JarEntry(entry));
            out.write(bytes);
            out.closeEntry();
            if (bigger) {
                out.putNextEntry(new java.util.jar.JarEntry("extra.txt"));
                out.write("rebuilt".getBytes(java.nio.charset.StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }
    }

    /** Runs {@link PrintsOk} from the jar with the launcher's logging and the given tuning; returns its stderr. */
    private static String runChild(List<String> tuning, Path jar) throws Exception {
        List<String> cmd = new java.util.ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElseThrow());
        cmd.addAll(ChildLauncher.LOGGING);
        cmd.addAll(tuning);
        cmd.addAll(List.of("-cp", jar.toString(), PrintsOk.class.getName()));
        Process p = new ProcessBuilder(cmd).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(out.trim()).isEqualTo("ok");
        return err;
    }

    private static String archive(List<String> opts) {
        return opts.stream().filter(o -> o.startsWith("-XX:SharedArchiveFile=")).findFirst()
                .map(o -> o.substring("-XX:SharedArchiveFile=".length())).orElse("none");
    }
}
