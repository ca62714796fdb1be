package dev.ioasync.routine.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A child's start-up options are worked out once per class path and options, and worked out again
 * when what they depend on changes: the AOT cache appears or goes, its off switch is set, a jar is
 * rebuilt.
 */
class ChildJvmTuningMemoTest {

    @Test
    void theKeptOptionsFollowTheAotCacheItsOffSwitchAndARebuiltJar(@TempDir Path tmp) throws IOException {
        assumeTrue(AotCache.supported(), "the AOT cache needs JDK 25 or later; this is " + Runtime.version());
        Path jar = Files.write(tmp.resolve("memo.jar"), new byte[] {1});
        String cp = jar.toString();
        Path cache = ChildJvmTuning.cacheFile(List.of(), cp, ".aot");
        assumeTrue(cache != null, "no private archive directory here");
        try {
            assertThat(ChildJvmTuning.options(List.of(), Map.of(), cp)).as("no cache yet")
                    .contains("-Xshare:auto").noneMatch(o -> o.startsWith("-XX:AOTCache"));
            Files.write(cache, new byte[] {0}); // as a training would leave it
            assertThat(ChildJvmTuning.options(List.of(), Map.of(), cp)).as("the cache appeared")
                    .contains("-XX:AOTCache=" + cache).noneMatch(o -> o.startsWith("-Xshare"));

            System.setProperty(AotCache.PROPERTY, "false");
            try {
                assertThat(ChildJvmTuning.options(List.of(), Map.of(), cp)).as("the off switch")
                        .contains("-Xshare:auto").noneMatch(o -> o.startsWith("-XX:AOTCache"));
            } finally {
                System.clearProperty(AotCache.PROPERTY);
            }
            assertThat(ChildJvmTuning.options(List.of(), Map.of(), cp)).as("the switch back on")
                    .contains("-XX:AOTCache=" + cache);

            Files.delete(cache);
            assertThat(ChildJvmTuning.options(List.of(), Map.of(), cp)).as("the cache deleted")
                    .noneMatch(o -> o.startsWith("-XX:AOTCache"));
            Files.write(cache, new byte[] {0});

            Files.write(jar, new byte[] {1, 2}); // rebuilt: other size, later modification time
            Files.setLastModifiedTime(jar, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() + 10_000));
            assertThat(ChildJvmTuning.options(List.of(), Map.of(), cp)).as("the rebuilt jar's cache is not there yet")
                    .noneMatch(o -> o.startsWith("-XX:AOTCache"));
        } finally {
            Files.deleteIfExists(cache);
        }
    }
}
