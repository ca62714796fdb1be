package dev.ioasync.loop.select;

import dev.ioasync.spi.LoopProvider;
import dev.ioasync.tck.FatalErrorTck;

/** Runs {@link FatalErrorTck} on the select backend. */
class SelectFatalErrorTest extends FatalErrorTck {
    @Override
    protected LoopProvider provider() {
        return new SelectLoopProvider();
    }
}
