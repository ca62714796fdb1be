package dev.ioasync.file;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Map;

/**
 * A snapshot of the {@code stat(2)} fields {@link FileWatch} compares (Perl's
 * {@code File::stat}): whether the path exists, its size, modification time, mode bits, inode
 * and device. Where the file system has no {@code unix} attribute view, mode is 0 and the inode
 * is taken from the file key's hash.
 *
 * @param exists whether the path existed
 * @param size its size in bytes (0 when missing)
 * @param mtime its modification time ({@link Instant#EPOCH} when missing)
 * @param mode its mode bits, type included (0 when missing or unknown)
 * @param ino its inode number (0 when missing)
 * @param dev its device number (0 when missing)
 */
public record FileStat(boolean exists, long size, Instant mtime, int mode, long ino, long dev) {

    /** The snapshot of a path that does not exist. */
    public static final FileStat MISSING = new FileStat(false, 0, Instant.EPOCH, 0, 0, 0);

    /**
     * Reads a path's attributes, following symbolic links.
     *
     * @param path the path
     * @return the snapshot; {@link #MISSING} when it does not exist or cannot be read
     */
    public static FileStat of(Path path) {
        try {
            Map<String, Object> a = Files.readAttributes(path, "unix:size,lastModifiedTime,mode,ino,dev");
            return new FileStat(true, (Long) a.get("size"), ((FileTime) a.get("lastModifiedTime")).toInstant(),
                    (Integer) a.get("mode"), (Long) a.get("ino"), (Long) a.get("dev"));
        } catch (UnsupportedOperationException | IllegalArgumentException noUnixView) {
            return basic(path);
        } catch (NoSuchFileException gone) {
            return MISSING;
        } catch (IOException unreadable) {
            return MISSING;
        }
    }

    private static FileStat basic(Path path) {
        try {
            BasicFileAttributes a = Files.readAttributes(path, BasicFileAttributes.class);
            Object key = a.fileKey();
            return new FileStat(true, a.size(), a.lastModifiedTime().toInstant(), 0,
                    key == null ? 0 : key.hashCode(), 0);
        } catch (IOException e) {
            return MISSING;
        }
    }

    /**
     * {@return whether this and {@code other} are the same file (same device and inode, both present)}
     *
     * @param other the other snapshot
     */
    public boolean sameFile(FileStat other) {
        return exists && other.exists && dev == other.dev && ino == other.ino;
    }
}
