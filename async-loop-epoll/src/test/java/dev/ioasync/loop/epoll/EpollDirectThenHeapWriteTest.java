package dev.ioasync.loop.epoll;

import dev.ioasync.spi.LoopProvider;
import dev.ioasync.tck.DirectThenHeapWriteTck;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.ExtendWith;

/** Runs {@link DirectThenHeapWriteTck} on the epoll backend. */
@ExtendWith(EpollAvailableCondition.class)
@EnabledOnOs(OS.LINUX)
class EpollDirectThenHeapWriteTest extends DirectThenHeapWriteTck {
    @Override
    protected LoopProvider provider() {
        return new EpollLoopProvider();
    }
}
