package dev.ioasync.loop.epoll;

import dev.ioasync.spi.LoopProvider;
import dev.ioasync.spi.Poller;
import io.netty.channel.epoll.Epoll;
import java.io.IOException;
import java.util.Locale;
import java.util.Optional;

/**
 * The Linux backend, on Netty's native epoll (IO::Async::Loop::Epoll). Available where Netty's
 * {@code netty-transport-native-epoll} library loads: Linux on x86_64 or aarch64. Its priority is
 * the highest on Linux, so {@link dev.ioasync.Loop#create()} takes it there when this module is on
 * the class path; elsewhere it is unavailable and says why (Netty's unavailability cause).
 */
public final class EpollLoopProvider implements LoopProvider {

    /** The backend's name. */
    public static final String NAME = "epoll";

    /** The priority on Linux: above {@code select} (0). */
    static final int LINUX_PRIORITY = 100;

    /** Creates the provider (found by {@link java.util.ServiceLoader}). */
    public EpollLoopProvider() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean isAvailable() {
        return Epoll.isAvailable();
    }

    @Override
    public Optional<Throwable> unavailabilityCause() {
        return Optional.ofNullable(Epoll.unavailabilityCause());
    }

    @Override
    public int priority() {
        return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("linux") ? LINUX_PRIORITY : -1;
    }

    @Override
    public Poller openPoller() throws IOException {
        if (!isAvailable()) {
            throw new IllegalStateException("the epoll backend is not available here: " + Epoll.unavailabilityCause(),
                    Epoll.unavailabilityCause());
        }
        return new EpollPoller();
    }

    @Override
    public String toString() {
        return "LoopProvider[epoll]";
    }
}
