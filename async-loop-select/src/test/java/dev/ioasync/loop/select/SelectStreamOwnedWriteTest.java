package dev.ioasync.loop.select;

import dev.ioasync.spi.LoopProvider;
import dev.ioasync.tck.StreamOwnedWriteTck;

/** Runs {@link StreamOwnedWriteTck} on the select backend. */
class SelectStreamOwnedWriteTest extends StreamOwnedWriteTck {
    @Override
    protected LoopProvider provider() {
        return new SelectLoopProvider();
    }
}
