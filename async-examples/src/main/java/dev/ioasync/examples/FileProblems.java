package dev.ioasync.examples;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/** Why a file cannot be followed, in words a user understands ("no such file", "a directory"). */
final class FileProblems {

    private FileProblems() {
    }

    /**
     * Checks that {@code file} is something {@code tail} can follow: it exists, is not a
     * directory, and can be read.
     *
     * @param file the file
     * @return what is wrong, or empty when nothing is
     */
    static Optional<String> whyNotFollowable(Path file) {
        if (Files.isDirectory(file)) {
            return Optional.of(file + " is a directory, not a file");
        }
        if (!Files.exists(file)) {
            return Optional.of("cannot open " + file + ": no such file");
        }
        if (!Files.isReadable(file)) {
            return Optional.of("cannot open " + file + ": permission denied");
        }
        return Optional.empty();
    }

    /**
     * Says what an I/O error means, naming the file and the reason (the JDK's
     * {@link NoSuchFileException} message is only the path).
     *
     * @param file the file
     * @param e the error
     * @return the reason
     */
    static String describe(Path file, IOException e) {
        String reason;
        if (e instanceof NoSuchFileException) {
            reason = "no such file";
        } else if (e instanceof AccessDeniedException) {
            reason = "permission denied";
        } else if (e instanceof FileSystemException fse && fse.getReason() != null) {
            reason = fse.getReason();
        } else {
            reason = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
        }
        return "cannot open " + file + ": " + reason;
    }
}
