package dev.ioasync.loop.select;

import dev.ioasync.spi.LoopProvider;
import dev.ioasync.tck.LoopExtensionTck;

/** Runs {@link LoopExtensionTck} (the testkit) on the select backend. */
class SelectLoopExtensionTest extends LoopExtensionTck {
    @Override
    protected LoopProvider provider() {
        return new SelectLoopProvider();
    }
}
