package dev.ioasync.loop.select;

import dev.ioasync.spi.LoopProvider;
import dev.ioasync.tck.BackendChoiceTck;

/** Runs {@link BackendChoiceTck} on the select backend. */
class SelectBackendChoiceTest extends BackendChoiceTck {
    @Override
    protected LoopProvider provider() {
        return new SelectLoopProvider();
    }
}
