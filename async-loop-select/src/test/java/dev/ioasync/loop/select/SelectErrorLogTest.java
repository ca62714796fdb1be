package dev.ioasync.loop.select;

import dev.ioasync.spi.LoopProvider;
import dev.ioasync.tck.ErrorLogTck;

/** Runs {@link ErrorLogTck} on the select backend. */
class SelectErrorLogTest extends ErrorLogTck {
    @Override
    protected LoopProvider provider() {
        return new SelectLoopProvider();
    }
}
