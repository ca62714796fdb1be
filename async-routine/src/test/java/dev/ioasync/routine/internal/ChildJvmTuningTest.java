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

    private static String archive(List<String> opts) {
        return opts.stream().filter(o -> o.startsWith("-XX:SharedArchiveFile=")).findFirst().orElse("none");
    }
}
