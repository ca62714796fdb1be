package dev.ioasync.loop.kqueue;

import dev.ioasync.spi.LoopProvider;
import dev.ioasync.spi.Poller;
import io.netty.channel.kqueue.KQueue;
import java.io.IOException;
import java.util.Locale;
import java.util.Optional;

/**
 * The macOS and BSD backend, on Netty's native kqueue (IO::Async::Loop::KQueue). Available where
 * Netty's {@code netty-transport-native-kqueue} library loads (macOS on x86_64 or aarch64; the BSDs
 * with a library built for them). Its priority is the highest on macOS and the BSDs, so
 * {@link dev.ioasync.Loop#create()} takes it there; elsewhere it is unavailable and says why
 * (Netty's unavailability cause: on Linux, "Only supported on OSX/BSD").
 */
public final class KQueueLoopProvider implements LoopProvider {

    /** The backend's name. */
    public static final String NAME = "kqueue";

    /** The priority on macOS and the BSDs: above {@code select} (0). */
    static final int BSD_PRIORITY = 100;

    /** Creates the provider (found by {@link java.util.ServiceLoader}). */
    public KQueueLoopProvider() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean isAvailable() {
        return KQueue.isAvailable();
    }

    @Override
    public Optional<Throwable> unavailabilityCause() {
        return Optional.ofNullable(KQueue.unavailabilityCause());
    }

    @Override
    public int priority() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).replace(" ", "");
        boolean bsdLike = os.startsWith("mac") || os.startsWith("darwin") || os.contains("bsd");
        return bsdLike ? BSD_PRIORITY : -1;
    }

    @Override
    public Poller openPoller() throws IOException {
        if (!isAvailable()) {
            throw new IllegalStateException("the kqueue backend is not available here: " + KQueue.unavailabilityCause(),
                    KQueue.unavailabilityCause());
        }
        return new KQueuePoller();
    }

    @Override
    public String toString() {
        return "LoopProvider[kqueue]";
    }
}
