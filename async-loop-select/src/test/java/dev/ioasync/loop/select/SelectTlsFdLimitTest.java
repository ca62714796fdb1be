package dev.ioasync.loop.select;

import dev.ioasync.spi.LoopProvider;
import dev.ioasync.tck.TlsFdLimitTck;

/** Runs {@link TlsFdLimitTck} on the select backend. */
class SelectTlsFdLimitTest extends TlsFdLimitTck {
    @Override
    protected LoopProvider provider() {
        return new SelectLoopProvider();
    }
}
