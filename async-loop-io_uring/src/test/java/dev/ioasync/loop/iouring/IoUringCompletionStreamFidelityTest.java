package dev.ioasync.loop.iouring;

import dev.ioasync.spi.LoopProvider;
import dev.ioasync.tck.StreamFidelityTck;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.ExtendWith;

/** Runs {@link StreamFidelityTck} on the io_uring backend, reading stream sockets by completion. */
@ExtendWith(IoUringAvailableCondition.class)
@EnabledOnOs(OS.LINUX)
class IoUringCompletionStreamFidelityTest extends StreamFidelityTck {
    @Override
    protected LoopProvider provider() {
        return new IoUringLoopProvider(true); // reads by completion
    }
}
