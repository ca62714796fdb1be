package dev.ioasync.loop.epoll;

import dev.ioasync.spi.LoopProvider;
import dev.ioasync.tck.LoopExtensionTck;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.ExtendWith;

/** Runs {@link LoopExtensionTck} (the testkit) on the epoll backend. */
@ExtendWith(EpollAvailableCondition.class)
@EnabledOnOs(OS.LINUX)
class EpollLoopExtensionTest extends LoopExtensionTck {
    @Override
    protected LoopProvider provider() {
        return new EpollLoopProvider();
    }
}
