package dev.ioasync.loop.select;

import dev.ioasync.spi.LoopProvider;
import dev.ioasync.tck.FileWatchTck;

/** Runs {@link FileWatchTck} on the select backend. */
class SelectFileWatchTest extends FileWatchTck {
    @Override
    protected LoopProvider provider() {
        return new SelectLoopProvider();
    }
}
