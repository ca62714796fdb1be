package dev.ioasync.loop.select;

import dev.ioasync.spi.LoopProvider;
import dev.ioasync.tck.StreamDirectReadTck;

/** Runs {@link StreamDirectReadTck} on the select backend. */
class SelectStreamDirectReadTest extends StreamDirectReadTck {
    @Override
    protected LoopProvider provider() {
        return new SelectLoopProvider();
    }
}
