package dev.ioasync.loop.select;

import dev.ioasync.spi.LoopProvider;
import dev.ioasync.tck.NetworkTck;

/** Runs {@link NetworkTck} on the select backend. */
class SelectNetworkTest extends NetworkTck {
    @Override
    protected LoopProvider provider() {
        return new SelectLoopProvider();
    }
}
