package dev.ioasync.loop.select;

import dev.ioasync.spi.LoopProvider;
import dev.ioasync.tck.WriteStallTck;

/** Runs {@link WriteStallTck} on the select backend. */
class SelectWriteStallTest extends WriteStallTck {
    @Override
    protected LoopProvider provider() {
        return new SelectLoopProvider();
    }
}
