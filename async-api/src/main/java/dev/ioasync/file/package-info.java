/**
 * Watching files: {@link dev.ioasync.file.FileWatch} (IO::Async::File), which polls a path's
 * attributes, and {@link dev.ioasync.file.FileStream} (IO::Async::FileStream), a read-only
 * {@link dev.ioasync.stream.Stream} that follows a growing file like {@code tail -f}.
 *
 * <h2>Thread rules</h2>
 * Both are notifiers confined to their loop's thread. Polling is a {@code stat} on a loop timer,
 * and reading a regular file never waits, so both run on the loop thread without threads of
 * their own; every event runs there.
 */
package dev.ioasync.file;
