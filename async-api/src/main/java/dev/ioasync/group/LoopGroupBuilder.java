package dev.ioasync.group;

import dev.ioasync.Clock;
import dev.ioasync.ErrorHandler;
import dev.ioasync.Loop;
import dev.ioasync.LoopBuilder;
import dev.ioasync.spi.LoopProvider;
import java.util.Objects;

/**
 * Builds a {@link LoopGroup}: how many loops, on which backend, with which thread names, clock
 * and error handler. Unset parts take the defaults of {@link LoopGroup#create()} and
 * {@link Loop#create()}.
 */
public final class LoopGroupBuilder {

    /** The thread name prefix when none is given: threads are {@code ioasync-loop-0}, {@code -1}, ... */
    public static final String DEFAULT_THREAD_PREFIX = "ioasync-loop-";

    private int count = Runtime.getRuntime().availableProcessors();
    private String backend;
    private LoopProvider provider;
    private String threadPrefix = DEFAULT_THREAD_PREFIX;
    private Clock clock;
    private ErrorHandler errorHandler;
    private boolean daemon;
    private boolean reusePort = true;

    LoopGroupBuilder() {
    }

    /**
     * Sets how many loops (and threads) the group has.
     *
     * @param loops at least 1; the default is {@link Runtime#availableProcessors()}
     * @return this
     * @throws IllegalArgumentException when {@code loops} is less than 1
     */
    public LoopGroupBuilder loops(int loops) {
        if (loops < 1) {
            throw new IllegalArgumentException("a loop group needs at least 1 loop, not " + loops);
        }
        this.count = loops;
        return this;
    }

    /**
     * Names the backend of every loop, as {@link Loop#create(String)} takes it.
     *
     * @param names for example {@code "epoll"} or {@code "epoll,select"}
     * @return this
     */
    public LoopGroupBuilder backend(String names) {
        this.backend = Objects.requireNonNull(names, "names");
        this.provider = null;
        return this;
    }

    /**
     * Uses this backend for every loop.
     *
     * @param provider the provider
     * @return this
     */
    public LoopGroupBuilder provider(LoopProvider provider) {
        this.provider = Objects.requireNonNull(provider, "provider");
        this.backend = null;
        return this;
    }

    /**
     * Sets the prefix of the threads' names; loop {@code i} runs on thread {@code prefix + i}.
     *
     * @param prefix the prefix; {@value #DEFAULT_THREAD_PREFIX} by default
     * @return this
     */
    public LoopGroupBuilder threadNamePrefix(String prefix) {
        this.threadPrefix = Objects.requireNonNull(prefix, "prefix");
        return this;
    }

    /**
     * Uses this clock in every loop (tests inject a clock they step by hand).
     *
     * @param clock the clock
     * @return this
     */
    public LoopGroupBuilder clock(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        return this;
    }

    /**
     * Sets the last error handler of every loop. It is called on the thread of the loop whose
     * callback threw.
     *
     * @param handler the handler
     * @return this
     */
    public LoopGroupBuilder errorHandler(ErrorHandler handler) {
        this.errorHandler = Objects.requireNonNull(handler, "handler");
        return this;
    }

    /**
     * Makes the loops' threads daemon threads, which do not keep the JVM alive. By default they
     * are not: a program ends its group with {@link LoopGroup#close()} or
     * {@link LoopGroup#shutdownGracefully}.
     *
     * @param on whether the threads are daemons
     * @return this
     */
    public LoopGroupBuilder daemon(boolean on) {
        this.daemon = on;
        return this;
    }

    /**
     * Whether {@link LoopGroup#listen} may give each loop its own listening socket bound with
     * {@code SO_REUSEPORT} (the default, where the backend has it; see {@link GroupListener.Mode}).
     * Turned off, one acceptor hands the connections to the loops round robin on every backend.
     *
     * <p>Why one might turn it off: with {@code SO_REUSEPORT}, another process of the same user
     * that also sets it can bind the same port and take a share of the connections, and a server
     * started twice by mistake gets no "address already in use"; a listener without it binds the
     * port alone. The kernel also spreads by a hash of the connection's addresses, not by load.
     *
     * @param on whether a socket per loop may be used
     * @return this
     */
    public LoopGroupBuilder reusePort(boolean on) {
        this.reusePort = on;
        return this;
    }

    /**
     * Starts the loops, each on its own new thread, and returns once every loop is open.
     *
     * @return the running group
     * @throws dev.ioasync.BackendUnavailableException when the chosen backend cannot run here
     *     (no thread is left running then)
     */
    public LoopGroup build() {
        return LoopGroup.start(this);
    }

    int count() {
        return count;
    }

    String threadPrefix() {
        return threadPrefix;
    }

    boolean daemon() {
        return daemon;
    }

    boolean reusePort() {
        return reusePort;
    }

    /** Opens one loop; called on the thread that will own it. */
    Loop openLoop() {
        LoopBuilder b = Loop.builder();
        if (provider != null) {
            b.provider(provider);
        } else if (backend != null) {
            b.backend(backend);
        }
        if (clock != null) {
            b.clock(clock);
        }
        if (errorHandler != null) {
            b.errorHandler(errorHandler);
        }
        return b.build();
    }
}
