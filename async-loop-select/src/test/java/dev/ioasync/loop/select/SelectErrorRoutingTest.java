package dev.ioasync.loop.select;

import dev.ioasync.spi.LoopProvider;
import dev.ioasync.tck.ErrorRoutingTck;

/** Runs {@link ErrorRoutingTck} on the select backend. */
class SelectErrorRoutingTest extends ErrorRoutingTck {
    @Override
    protected LoopProvider provider() {
        return new SelectLoopProvider();
    }
}
