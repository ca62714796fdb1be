package dev.ioasync.loop.epoll;

import dev.ioasync.spi.LoopProvider;
import dev.ioasync.tck.LoopRunnerTck;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.ExtendWith;

/** Runs {@link LoopRunnerTck} (the testkit) on the epoll backend. */
@ExtendWith(EpollAvailableCondition.class)
@EnabledOnOs(OS.LINUX)
class EpollLoopRunnerTest extends LoopRunnerTck {
    @Override
    protected LoopProvider provider() {
        return new EpollLoopProvider();
    }
}
