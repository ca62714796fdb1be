package dev.ioasync.routine.internal;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The JVM options that make a child JVM start faster, placed before every option the user gave
 * (this JVM's input arguments and the setup's options), so that the user's own options win where
 * the JVM lets a later option override an earlier one:
 *
 * <ul>
 *   <li>{@code -XX:+UseSerialGC}: a routine's JVM is small and starts often; G1's start-up (its
 *       threads and regions) is a good part of a JVM start on a small machine. Left out when the
 *       user selects a collector anywhere (options, {@code JAVA_TOOL_OPTIONS},
 *       {@code JDK_JAVA_OPTIONS}, {@code _JAVA_OPTIONS}), since the JVM refuses two.
 *   <li>{@code -Xshare:auto} and, on JDK 19 and later when the class path is made of jar files
 *       only, an application class-data-sharing archive: {@code -XX:+AutoCreateSharedArchive
 *       -XX:SharedArchiveFile=...} in {@code ioasync-routine-cds-USER} under
 *       {@code java.io.tmpdir}, one file per JDK, class path, option list and class-path
 *       contents (the size and modification time of every jar), so a rebuilt jar gets a fresh
 *       archive instead of a stale one that the JVM refuses with a "shared class paths mismatch"
 *       error on every start; the archives of earlier contents of the same class path are
 *       deleted. The first child writes it when it exits; later ones map the classes (including
 *       the lambda forms that deserializing a lambda needs) instead of loading and linking them.
 *       Left out when the user names an archive or turns sharing off, or when that directory is
 *       not the user's own and private. With it, {@code -Xlog:cds*=off:stderr} (and
 *       {@code -Xlog:aot*=off:stderr} on JDK 25 and later): the archive is an optimisation the
 *       user did not ask for, so none of its messages (classes it leaves out, a mismatch, a
 *       failed mapping) reach the user's terminal. A user's own {@code -Xlog} options come later
 *       and still apply.
 *   <li>On JDK 25 and later, instead of that archive once it exists, the {@link AotCache
 *       ahead-of-time cache} ({@code -XX:AOTCache=...}, JEP 483/514/515), keyed like the archive
 *       ({@code .aot} beside the {@code .jsa}): classes loaded and linked, call sites resolved and
 *       method profiles of a training run that did what a Function worker does. The first child
 *       of a key starts its training run in the background and still gets the archive; later
 *       children map the cache. A stale or unusable cache is ignored by the JVM without a word
 *       (the same {@code -Xlog} options), and the child starts as without it. Left out, like
 *       the archive, when the user manages sharing, or names {@code -Xshare} at all (the JVM
 *       refuses {@code -Xshare} beside an AOT cache); the system property
 *       {@value AotCache#PROPERTY} set to {@code false} keeps the archive only.
 * </ul>
 *
 * The system property {@value #PROPERTY} set to {@code false} turns all of this off.
 */
final class ChildJvmTuning {

    /** The system property that turns the tuning off when {@code false}: {@value}. */
    static final String PROPERTY = "ioasync.routine.childJvmTuning";

    /** Keeps every message about the archive off the child's stderr. */
    static final String QUIET_ARCHIVE = "-Xlog:cds*=off:stderr";

    /** The same for the JDK 25+ ahead-of-time cache tags (an unknown tag would stop an older JVM). */
    static final String QUIET_AOT = "-Xlog:aot*=off:stderr";

    private static final System.Logger LOG = System.getLogger(ChildJvmTuning.class.getName());
    private static final List<String> JAVA_ENV = List.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "_JAVA_OPTIONS");
    private static final Map<String, Memo> MEMO = new java.util.concurrent.ConcurrentHashMap<>();

    private ChildJvmTuning() {
    }

    /**
     * The tuning options for one child.
     *
     * @param userOptions every option the child gets after these (inherited and the setup's)
     * @param environment the child's environment
     * @param classPath the child's class path
     * @return the options, possibly none
     */
    static List<String> options(List<String> userOptions, Map<String, String> environment, String classPath) {
        if ("false".equalsIgnoreCase(System.getProperty(PROPERTY, "true").trim())) {
            return List.of();
        }
        StringBuilder k = new StringBuilder(AotCache.supported() ? "aot\n" : "no-aot\n").append(classPath);
        for (String o : userOptions) {
            k.append('\n').append(o);
        }
        for (String var : JAVA_ENV) {
            k.append('\n').append(var).append('=').append(environment.get(var));
        }
        String key = k.toString();
        Memo memo = MEMO.get(key);
        if (memo != null && memo.stillValid()) {
            return memo.options();
        }
        Path[] aot = new Path[1];
        List<String> opts = List.copyOf(compute(userOptions, environment, classPath, aot));
        MEMO.put(key, Memo.of(opts, classPath, aot[0]));
        return opts;
    }

    /**
     * The options worked out for one key (options, the JVM's environment variables, class path),
     * kept while the class path's jar files keep their size and modification time and the AOT
     * cache they name (or wait for) is as it was: working them out again (hashes, the archive
     * directory's owner and permissions) costs about a millisecond of a new child's start.
     */
    private record Memo(List<String> options, List<Path> jars, List<FileTime> times, List<Long> sizes, Path aot,
                        boolean aotInUse) {

        static Memo of(List<String> options, String classPath, Path aot) {
            List<Path> jars = new ArrayList<>();
            List<FileTime> times = new ArrayList<>();
            List<Long> sizes = new ArrayList<>();
            for (String entry : classPath.isEmpty() ? new String[0] : classPath.split(File.pathSeparator)) {
                Path p = Path.of(entry);
                BasicFileAttributes a = attributes(p);
                jars.add(p);
                times.add(a == null ? null : a.lastModifiedTime());
                sizes.add(a == null ? -1L : a.size());
            }
            boolean inUse = aot != null && options.contains("-XX:AOTCache=" + aot);
            return new Memo(options, List.copyOf(jars), java.util.Collections.unmodifiableList(times),
                    List.copyOf(sizes), aot, inUse);
        }

        boolean stillValid() {
            for (int i = 0; i < jars.size(); i++) {
                BasicFileAttributes a = attributes(jars.get(i));
                if (a == null ? sizes.get(i) != -1 : a.size() != sizes.get(i) || !a.lastModifiedTime().equals(times.get(i))) {
                    return false;
                }
            }
            return aot == null || Files.isRegularFile(aot, LinkOption.NOFOLLOW_LINKS) == aotInUse;
        }

        private static BasicFileAttributes attributes(Path p) {
            try {
                return Files.readAttributes(p, BasicFileAttributes.class);
            } catch (IOException | SecurityException e) {
                return null;
            }
        }
    }

    /**
     * {@return the options for one child, worked out afresh}
     *
     * @param aot where to put the AOT cache these options use or wait for, if any
     */
    private static List<String> compute(List<String> userOptions, Map<String, String> environment, String classPath,
                                        Path[] aot) {
        List<String> all = new ArrayList<>(userOptions);
        for (String var : JAVA_ENV) {
            String v = environment.get(var);
            if (v != null) {
                all.addAll(List.of(v.trim().split("\\s+")));
            }
        }
        List<String> opts = new ArrayList<>();
        if (!selectsCollector(all)) {
            opts.add("-XX:+UseSerialGC");
        }
        if (AotCache.supported() && !touchesSharing(all) && !mentionsShare(all)) {
            Path cache = cacheFile(all, classPath, ".aot");
            aot[0] = cache;
            if (cache != null) {
                if (Files.isRegularFile(cache, LinkOption.NOFOLLOW_LINKS)) {
                    opts.add("-XX:AOTCache=" + cache); // -Xshare:auto may not come with it
                    opts.add(QUIET_ARCHIVE);
                    opts.add(QUIET_AOT);
                    return opts;
                }
                List<String> training = new ArrayList<>();
                training.add(ChildLauncher.javaExecutable());
                training.addAll(ChildLauncher.LOGGING);
                training.addAll(opts);
                training.add(QUIET_ARCHIVE);
                training.add(QUIET_AOT);
                training.addAll(userOptions);
                training.addAll(List.of("-cp", classPath, ChildMain.class.getName()));
                AotCache.train(cache, training, environment);
            }
        }
        opts.add("-Xshare:auto");
        if (Runtime.version().feature() >= 19 && !touchesSharing(all)) {
            Path archive = cacheFile(all, classPath, ".jsa");
            if (archive != null) {
                opts.add("-XX:+AutoCreateSharedArchive");
                opts.add("-XX:SharedArchiveFile=" + archive);
                opts.add(QUIET_ARCHIVE);
                if (Runtime.version().feature() >= 25) {
                    opts.add(QUIET_AOT);
                }
            }
        }
        return opts;
    }

    static boolean selectsCollector(Collection<String> options) {
        for (String o : options) {
            if (o.startsWith("-XX:+Use") && o.endsWith("GC")) {
                return true;
            }
        }
        return false;
    }

    private static boolean touchesSharing(Collection<String> options) {
        for (String o : options) {
            if (o.startsWith("-Xshare:") && !o.equals("-Xshare:auto") || o.contains("SharedArchiveFile")
                    || o.contains("ArchiveClassesAtExit") || o.contains("AutoCreateSharedArchive")
                    || o.startsWith("-XX:AOTCache") || o.startsWith("-XX:AOTMode")) {
                return true;
            }
        }
        return false;
    }

    /** {@return whether any option names {@code -Xshare}, which the JVM refuses beside an AOT cache} */
    private static boolean mentionsShare(Collection<String> options) {
        for (String o : options) {
            if (o.startsWith("-Xshare")) {
                return true;
            }
        }
        return false;
    }

    /**
     * {@return the path of the archive or cache with this extension, or {@code null} when the class
     * path or the directory does not allow one}
     */
    static Path cacheFile(List<String> options, String classPath, String extension) {
        if (classPath == null || classPath.isEmpty()) {
            return null;
        }
        for (String entry : classPath.split(File.pathSeparator)) {
            Path p = Path.of(entry);
            if (!entry.endsWith(".jar") || !Files.isRegularFile(p)) {
                return null; // the JVM archives classes from jar files only
            }
        }
        Path dir = privateDirectory();
        if (dir == null) {
            return null;
        }
        StringBuilder key = new StringBuilder();
        key.append(System.getProperty("java.home")).append('\n').append(Runtime.version()).append('\n')
                .append(classPath);
        for (String o : options) {
            key.append('\n').append(o);
        }
        StringBuilder contents = new StringBuilder();
        try {
            for (String entry : classPath.split(File.pathSeparator)) {
                Path p = Path.of(entry);
                contents.append(entry).append(' ').append(Files.size(p)).append(' ')
                        .append(Files.getLastModifiedTime(p).toMillis()).append('\n');
            }
        } catch (IOException | SecurityException e) {
            return null;
        }
        String prefix = "routine-" + hash(key.toString()) + "-";
        Path archive = dir.resolve(prefix + hash(contents.toString()) + extension);
        if (!Files.exists(archive, LinkOption.NOFOLLOW_LINKS)) {
            deleteStale(dir, prefix, extension, archive);
        }
        return archive;
    }

    /** {@return the first 12 bytes of the text's SHA-256, in hex} */
    private static String hash(String text) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    /**
     * Deletes the archives (and left-over temporary files of training runs) of earlier contents of
     * the same class path and options.
     */
    private static void deleteStale(Path dir, String prefix, String extension, Path keep) {
        try (var files = Files.newDirectoryStream(dir, prefix + "*" + extension + "*")) {
            for (Path f : files) {
                if (!f.getFileName().toString().startsWith(keep.getFileName().toString())) {
                    Files.deleteIfExists(f);
                }
            }
        } catch (IOException | SecurityException e) {
            LOG.log(System.Logger.Level.DEBUG, () -> "cannot delete stale class-data archives in " + dir + ": " + e);
        }
    }

    /** {@return the archive directory, made if missing, or {@code null} unless it is this user's and private} */
    private static Path privateDirectory() {
        String user = System.getProperty("user.name", "unknown").replaceAll("[^A-Za-z0-9._-]", "_");
        Path dir = Path.of(System.getProperty("java.io.tmpdir"), "ioasync-routine-cds-" + user);
        try {
            if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                Files.createDirectories(dir);
                try {
                    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
                } catch (UnsupportedOperationException notPosix) {
                    return null;
                }
            }
            if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)
                    || !Files.getOwner(dir, LinkOption.NOFOLLOW_LINKS).getName().equals(System.getProperty("user.name"))) {
                return null;
            }
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(dir, LinkOption.NOFOLLOW_LINKS);
            if (perms.contains(PosixFilePermission.GROUP_WRITE) || perms.contains(PosixFilePermission.OTHERS_WRITE)) {
                return null;
            }
            return dir;
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            LOG.log(System.Logger.Level.DEBUG, () -> "no class-data-sharing archive for routine JVMs in " + dir + ": " + e);
            return null;
        }
    }
}
