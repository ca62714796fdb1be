package dev.ioasync.loop.select;

import dev.ioasync.spi.LoopProvider;
import dev.ioasync.tck.CompletionWriteTck;

/** Runs {@link CompletionWriteTck} on the select backend. */
class SelectCompletionWriteTest extends CompletionWriteTck {
    @Override
    protected LoopProvider provider() {
        return new SelectLoopProvider();
    }
}
