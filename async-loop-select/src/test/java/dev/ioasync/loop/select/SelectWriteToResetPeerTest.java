package dev.ioasync.loop.select;

import dev.ioasync.spi.LoopProvider;
import dev.ioasync.tck.WriteToResetPeerTck;

/** Runs {@link WriteToResetPeerTck} on the select backend. */
class SelectWriteToResetPeerTest extends WriteToResetPeerTck {
    @Override
    protected LoopProvider provider() {
        return new SelectLoopProvider();
    }
}
