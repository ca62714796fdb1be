package dev.ioasync.loop.iouring;

import dev.ioasync.spi.LoopProvider;
import dev.ioasync.spi.Poller;
import io.netty.channel.uring.IoUring;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The Linux io_uring backend, on Netty's native io_uring transport (IO::Async has no io_uring
 * loop; this is IO::Async::Loop::Epoll's contract on a different kernel interface). It watches
 * handles for readiness with io_uring {@code POLL_ADD} requests, so every loop behaviour is the
 * same as on {@code epoll}; with {@code -Dioasync.io_uring.completion=true} it reads connected
 * stream sockets by completion instead ({@code IORING_OP_RECV}, see docs/io_uring.md).
 *
 * <p>Available where Netty's {@code netty-transport-native-io_uring} library loads and the kernel
 * lets this process create a ring: Linux 5.x or newer on x86_64 or aarch64, io_uring not disabled
 * by {@code /proc/sys/kernel/io_uring_disabled} or a seccomp filter (as container runtimes often
 * do). Elsewhere it is unavailable and says why (Netty's {@code IoUring.unavailabilityCause()}).
 *
 * <p>Its priority is below {@code epoll}: {@link dev.ioasync.Loop#create()} takes it only when
 * asked for, with {@code -Dioasync.loop=io_uring} (or {@code iouring}) or
 * {@code IO_ASYNC_LOOP=io_uring}.
 */
public final class IoUringLoopProvider implements LoopProvider {

    /** The backend's name. */
    public static final String NAME = "io_uring";

    /** The other name accepted for it. */
    public static final String ALIAS = "iouring";

    /** The priority on Linux: above {@code select} (0), below {@code epoll} (100) until it is measured faster. */
    static final int LINUX_PRIORITY = 50;

    /** Completion reads on or off for the pollers made, or {@code null}: as the system property says. */
    private final Boolean completionReads;
    private final Boolean completionWrites;

    /** Creates the provider (found by {@link java.util.ServiceLoader}). */
    public IoUringLoopProvider() {
        this(null);
    }

    /** A provider whose pollers read by completion or not, whatever the system property says (tests). */
    IoUringLoopProvider(Boolean completionReads) {
        this(completionReads, null);
    }

    /** A provider whose pollers read, and write, by completion or not, whatever the system properties say (tests). */
    IoUringLoopProvider(Boolean completionReads, Boolean completionWrites) {
        this.completionWrites = completionWrites;
        this.completionReads = completionReads;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> aliases() {
        return List.of(ALIAS);
    }

    @Override
    public boolean isAvailable() {
        return IoUring.isAvailable();
    }

    @Override
    public Optional<Throwable> unavailabilityCause() {
        return Optional.ofNullable(IoUring.unavailabilityCause());
    }

    @Override
    public int priority() {
        return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("linux") ? LINUX_PRIORITY : -1;
    }

    @Override
    public Poller openPoller() throws IOException {
        if (!isAvailable()) {
            throw new IllegalStateException("the io_uring backend is not available here: " + IoUring.unavailabilityCause(),
                    IoUring.unavailabilityCause());
        }
        if (completionWrites != null) {
            return new IoUringPoller(completionReads == null ? IoUringPoller.completionReadsByDefault() : completionReads,
                    completionWrites);
        }
        return completionReads == null ? new IoUringPoller() : new IoUringPoller(completionReads);
    }

    @Override
    public String toString() {
        return "LoopProvider[io_uring]";
    }
}
