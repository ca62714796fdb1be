package dev.ioasync.loop.select;

import dev.ioasync.spi.LoopProvider;
import dev.ioasync.tck.FutureDepthTck;

/** Runs {@link FutureDepthTck} on the select backend. */
class SelectFutureDepthTest extends FutureDepthTck {
    @Override
    protected LoopProvider provider() {
        return new SelectLoopProvider();
    }
}
