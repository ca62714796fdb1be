package dev.ioasync.loop.select;

import dev.ioasync.spi.LoopProvider;
import dev.ioasync.tck.ConnectionLoadTck;

/** Runs {@link ConnectionLoadTck} on the select backend. */
class SelectConnectionLoadTest extends ConnectionLoadTck {
    @Override
    protected LoopProvider provider() {
        return new SelectLoopProvider();
    }
}
