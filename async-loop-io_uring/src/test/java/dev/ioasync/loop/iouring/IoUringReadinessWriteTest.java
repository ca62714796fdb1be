package dev.ioasync.loop.iouring;

import dev.ioasync.spi.LoopProvider;
import dev.ioasync.tck.CompletionWriteTck;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.ExtendWith;

/** Runs {@link CompletionWriteTck} on the io_uring backend, watching readiness (completion off). */
@ExtendWith(IoUringAvailableCondition.class)
@EnabledOnOs(OS.LINUX)
class IoUringReadinessWriteTest extends CompletionWriteTck {
    @Override
    protected LoopProvider provider() {
        return new IoUringLoopProvider(false); // readiness: writes go straight to the socket
    }
}
