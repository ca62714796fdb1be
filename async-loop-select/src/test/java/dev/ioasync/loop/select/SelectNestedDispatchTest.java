package dev.ioasync.loop.select;

import dev.ioasync.spi.LoopProvider;
import dev.ioasync.tck.NestedDispatchTck;

/** Runs {@link NestedDispatchTck} on the select backend. */
class SelectNestedDispatchTest extends NestedDispatchTck {
    @Override
    protected LoopProvider provider() {
        return new SelectLoopProvider();
    }
}
