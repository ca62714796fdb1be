package dev.ioasync.loop.select;

import dev.ioasync.spi.LoopProvider;
import dev.ioasync.tck.ConnectDeadlineTck;

/** Runs {@link ConnectDeadlineTck} on the select backend. */
class SelectConnectDeadlineTest extends ConnectDeadlineTck {
    @Override
    protected LoopProvider provider() {
        return new SelectLoopProvider();
    }
}
