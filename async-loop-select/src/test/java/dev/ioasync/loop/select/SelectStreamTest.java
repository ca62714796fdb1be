package dev.ioasync.loop.select;

import dev.ioasync.spi.LoopProvider;
import dev.ioasync.tck.StreamTck;

/** Runs {@link StreamTck} on the select backend. */
class SelectStreamTest extends StreamTck {
    @Override
    protected LoopProvider provider() {
        return new SelectLoopProvider();
    }
}
