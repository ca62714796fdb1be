package dev.ioasync.loop.select;

import dev.ioasync.spi.LoopProvider;
import dev.ioasync.tck.TlsDeadlineTck;

/** Runs {@link TlsDeadlineTck} on the select backend. */
class SelectTlsDeadlineTest extends TlsDeadlineTck {
    @Override
    protected LoopProvider provider() {
        return new SelectLoopProvider();
    }
}
