package dev.ioasync.loop.select;

import dev.ioasync.spi.LoopProvider;
import dev.ioasync.tck.TlsTck;

/** Runs {@link TlsTck} on the select backend. */
class SelectTlsTest extends TlsTck {
    @Override
    protected LoopProvider provider() {
        return new SelectLoopProvider();
    }
}
