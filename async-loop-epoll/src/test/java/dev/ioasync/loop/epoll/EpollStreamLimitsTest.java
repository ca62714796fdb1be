package dev.ioasync.loop.epoll;

import dev.ioasync.spi.LoopProvider;
import dev.ioasync.tck.StreamLimitsTck;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.ExtendWith;

/** Runs {@link StreamLimitsTck} on the epoll backend. */
@ExtendWith(EpollAvailableCondition.class)
@EnabledOnOs(OS.LINUX)
class EpollStreamLimitsTest extends StreamLimitsTck {
    @Override
    protected LoopProvider provider() {
        return new EpollLoopProvider();
    }
}
