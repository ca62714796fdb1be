package dev.ioasync.loop.kqueue;

import dev.ioasync.spi.LoopProvider;
import dev.ioasync.tck.DirectThenHeapWriteTck;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.ExtendWith;

/** Runs {@link DirectThenHeapWriteTck} on the kqueue backend (macOS and the BSDs; skipped elsewhere with Netty's cause). */
@ExtendWith(KQueueAvailableCondition.class)
@EnabledOnOs({OS.MAC, OS.FREEBSD, OS.OPENBSD})
class KQueueDirectThenHeapWriteTest extends DirectThenHeapWriteTck {
    @Override
    protected LoopProvider provider() {
        return new KQueueLoopProvider();
    }
}
