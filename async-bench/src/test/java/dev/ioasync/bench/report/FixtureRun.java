package dev.ioasync.bench.report;

import java.net.URISyntaxException;
import java.nio.file.Path;

/** The small run folder under {@code src/test/resources/report/run}. */
final class FixtureRun {

    private FixtureRun() {
    }

    static Path dir() {
        try {
            return Path.of(FixtureRun.class.getResource("/report/run").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static Results results() {
        return new RunLoader(dir()).load();
    }
}
