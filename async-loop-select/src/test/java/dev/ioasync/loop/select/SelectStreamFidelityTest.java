package dev.ioasync.loop.select;

import dev.ioasync.spi.LoopProvider;
import dev.ioasync.tck.StreamFidelityTck;

/** Runs {@link StreamFidelityTck} on the select backend. */
class SelectStreamFidelityTest extends StreamFidelityTck {
    @Override
    protected LoopProvider provider() {
        return new SelectLoopProvider();
    }
}
