package dev.ioasync.loop.kqueue;

import dev.ioasync.spi.LoopProvider;
import dev.ioasync.tck.ConnectionMemoryTck;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.ExtendWith;

/** Runs {@link ConnectionMemoryTck} on the kqueue backend (macOS and the BSDs; skipped elsewhere with Netty's cause). */
@ExtendWith(KQueueAvailableCondition.class)
@EnabledOnOs({OS.MAC, OS.FREEBSD, OS.OPENBSD})
class KQueueConnectionMemoryTest extends ConnectionMemoryTck {
    @Override
    protected LoopProvider provider() {
        return new KQueueLoopProvider();
    }
}
