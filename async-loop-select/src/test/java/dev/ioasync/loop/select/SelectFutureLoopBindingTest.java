package dev.ioasync.loop.select;

import dev.ioasync.spi.LoopProvider;
import dev.ioasync.tck.FutureLoopBindingTck;

/** Runs {@link FutureLoopBindingTck} on the select backend. */
class SelectFutureLoopBindingTest extends FutureLoopBindingTck {
    @Override
    protected LoopProvider provider() {
        return new SelectLoopProvider();
    }
}
