package dev.ioasync.loop.select;

import dev.ioasync.spi.LoopProvider;
import dev.ioasync.tck.StreamGatherWriteTck;

/** Runs {@link StreamGatherWriteTck} on the select backend. */
class SelectStreamGatherWriteTest extends StreamGatherWriteTck {
    @Override
    protected LoopProvider provider() {
        return new SelectLoopProvider();
    }
}
