package dev.ioasync.loop.select;

import dev.ioasync.spi.LoopProvider;
import dev.ioasync.tck.FileStreamTck;

/** Runs {@link FileStreamTck} on the select backend. */
class SelectFileStreamTest extends FileStreamTck {
    @Override
    protected LoopProvider provider() {
        return new SelectLoopProvider();
    }
}
