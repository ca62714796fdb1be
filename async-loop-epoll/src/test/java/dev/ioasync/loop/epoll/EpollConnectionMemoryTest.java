package dev.ioasync.loop.epoll;

import dev.ioasync.spi.LoopProvider;
import dev.ioasync.tck.ConnectionMemoryTck;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.ExtendWith;

/** Runs {@link ConnectionMemoryTck} on the epoll backend. */
@ExtendWith(EpollAvailableCondition.class)
@EnabledOnOs(OS.LINUX)
class EpollConnectionMemoryTest extends ConnectionMemoryTck {
    @Override
    protected LoopProvider provider() {
        return new EpollLoopProvider();
    }
}
