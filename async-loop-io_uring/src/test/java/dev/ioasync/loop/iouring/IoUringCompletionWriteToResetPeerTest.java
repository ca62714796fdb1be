package dev.ioasync.loop.iouring;

import dev.ioasync.spi.LoopProvider;
import dev.ioasync.tck.WriteToResetPeerTck;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.ExtendWith;

/** Runs {@link WriteToResetPeerTck} on the io_uring backend, reading and writing stream sockets by completion. */
@ExtendWith(IoUringAvailableCondition.class)
@EnabledOnOs(OS.LINUX)
class IoUringCompletionWriteToResetPeerTest extends WriteToResetPeerTck {
    @Override
    protected LoopProvider provider() {
        return new IoUringLoopProvider(true, true); // reads and writes by completion
    }
}
