package dev.ioasync.loop.select;

import dev.ioasync.spi.LoopProvider;
import dev.ioasync.tck.FutureLaterTck;

/** Runs {@link FutureLaterTck} on the select backend. */
class SelectFutureLaterTest extends FutureLaterTck {
    @Override
    protected LoopProvider provider() {
        return new SelectLoopProvider();
    }
}
