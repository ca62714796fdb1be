package dev.ioasync.loop.select;

import dev.ioasync.spi.LoopProvider;
import dev.ioasync.tck.StreamLimitsTck;

/** Runs {@link StreamLimitsTck} on the select backend. */
class SelectStreamLimitsTest extends StreamLimitsTck {
    @Override
    protected LoopProvider provider() {
        return new SelectLoopProvider();
    }
}
