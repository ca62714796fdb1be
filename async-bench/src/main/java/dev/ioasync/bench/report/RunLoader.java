package dev.ioasync.bench.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Loads the result files that {@code run-all.sh} writes into its {@code $OUT} folder into one
 * {@link Results}. A missing file is skipped and named in {@link #missing()}.
 */
public final class RunLoader {

    private static final Pattern COROMEM = Pattern.compile("coromem(\\d+)\\.txt");
    private static final Pattern ECHOSCALE = Pattern.compile("echoscale-[\\w-]+-\\d+\\.txt");

    private final Path dir;
    private final List<String> missing = new ArrayList<>();

    /**
     * A loader for one run's folder.
     *
     * @param dir the {@code $OUT} folder of run-all.sh
     */
    public RunLoader(Path dir) {
        this.dir = dir;
    }

    /** @return the run's results */
    public Results load() {
        Results r = new Results();
        lines(r, "perl-timers", "timers/perl-timers.txt");
        jmh(r, "timers/jmh.json");
        lines(r, "perl-echo", "echo/perl-echo.txt");
        lines(r, "java-echo", "echo/java-echo.txt");
        lines(r, "perl-function", "perl-function.txt");
        jmh(r, "function.json");
        jmh(r, "function-process.json");
        jmh(r, "function-process-spare.json");
        jmh(r, "handoff.json");
        lines(r, "anchors", "anchors-java.txt");
        lines(r, "perl-coro", "perl-coro.txt");
        lines(r, "perl-coro", "perl-coro2.txt");
        jmh(r, "coro.json");
        lines(r, "coro-cpu", "corocputime.txt");
        lines(r, "function-thread", "function-thread-cpu.txt");
        lines(r, "process-latency", "process-latency.txt");
        lines(r, "coro-fallback", "coro-fallback-cpu.txt");
        lines(r, "coro-fallback-vt1", "coro-fallback-cpu-vt1.txt");
        lines(r, "coromem-fallback100000", "corofallbackmem100000.txt");
        lines(r, "manyconn", "manyconn.txt");
        lines(r, "child-start", "child-start.txt");
        for (Path p : list(dir)) {
            Matcher m = COROMEM.matcher(p.getFileName().toString());
            if (m.matches()) {
                r.add("coromem" + m.group(1), ResultLines.parse(read(p)));
            }
        }
        for (Path p : list(dir.resolve("scaling"))) {
            if (ECHOSCALE.matcher(p.getFileName().toString()).matches()) {
                r.add("echoscale", ResultLines.parse(read(p)));
            }
        }
        return r;
    }

    private static List<Path> list(Path folder) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return the expected files that were not there, relative to the folder */
    public List<String> missing() {
        return List.copyOf(missing);
    }

    /**
     * A text file of the run, or empty text when it is missing.
     *
     * @param relative the file, relative to the folder
     * @return its content
     */
    public String text(String relative) {
        Path p = dir.resolve(relative);
        if (!Files.isRegularFile(p)) {
            missing.add(relative);
            return "";
        }
        return read(p);
    }

    private void lines(Results r, String source, String relative) {
        r.add(source, ResultLines.parse(text(relative)));
    }

    private void jmh(Results r, String relative) {
        String t = text(relative);
        if (!t.isBlank()) {
            r.add("jmh", JmhJson.parse(t));
        }
    }
}
