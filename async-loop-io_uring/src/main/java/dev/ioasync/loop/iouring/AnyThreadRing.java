package dev.ioasync.loop.iouring;

import io.netty.channel.IoHandle;
import io.netty.channel.IoHandler;
import io.netty.channel.IoHandlerContext;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.IoRegistration;
import java.lang.reflect.Field;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Netty's io_uring handler, made usable from any thread: an ioasync loop may be created on one
 * thread and run on another, and may change threads while idle; Netty's event loops never do.
 *
 * <p>When Netty enables the ring ({@code initialize()}) it registers the ring's descriptor in the
 * calling thread's own table ({@code IORING_REGISTER_RING_FDS}) and from then on enters the ring
 * with {@code IORING_ENTER_REGISTERED_RING} and that thread's index: from any other thread
 * {@code io_uring_enter} fails with {@code EINVAL}. So the ring is enabled on a short-lived
 * thread, whose table (and the reference it holds to the ring) goes when it ends, and Netty's
 * submission queue is told to enter with the plain descriptor, through reflection on its private
 * fields. Where that reflection is refused (Netty on the module path without
 * {@code --add-opens io.netty.transport.classes.io_uring/io.netty.channel.uring=ALL-UNNAMED}),
 * Netty's behaviour is kept: the loop works only on the thread that created it, and a warning
 * says so.
 */
final class AnyThreadRing implements IoHandler {

    private static final System.Logger LOG = System.getLogger(AnyThreadRing.class.getName());
    /** {@code IORING_ENTER_REGISTERED_RING}, the kernel ABI's flag. */
    private static final int ENTER_REGISTERED_RING = 16;
    private static final Field[] FIELDS = fields();
    private static volatile boolean warned;

    private final IoHandler delegate;

    private AnyThreadRing(IoHandler delegate) {
        this.delegate = delegate;
    }

    /** {@return a factory whose handlers wrap those of {@code factory}, an io_uring handler factory} */
    static IoHandlerFactory wrap(IoHandlerFactory factory) {
        return executor -> new AnyThreadRing(factory.newHandler(executor));
    }

    /** {@return whether the ring can be entered from any thread (Netty's fields are reachable)} */
    static boolean isSupported() {
        return FIELDS != null;
    }

    /** ringBuffer (handler), ioUringSubmissionQueue (ring), ringFd, enterRingFd, enterFlags (queue); null if unreachable. */
    private static Field[] fields() {
        try {
            Class<?> handler = Class.forName("io.netty.channel.uring.IoUringIoHandler");
            Class<?> ring = Class.forName("io.netty.channel.uring.RingBuffer");
            Class<?> queue = Class.forName("io.netty.channel.uring.SubmissionQueue");
            Field[] f = {handler.getDeclaredField("ringBuffer"), ring.getDeclaredField("ioUringSubmissionQueue"),
                queue.getDeclaredField("ringFd"), queue.getDeclaredField("enterRingFd"),
                queue.getDeclaredField("enterFlags")};
            for (Field x : f) {
                x.setAccessible(true);
            }
            return f;
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "Netty's io_uring ring cannot be entered from any thread", e);
            return null;
        }
    }

    /**
     * Whom the {@code --add-opens} flag must name: this backend's module on the module path, every
     * unnamed module on the class path.
     */
    static String openTarget() {
        Module self = AnyThreadRing.class.getModule();
        return self.isNamed() ? self.getName() : "ALL-UNNAMED";
    }

    @Override
    public void initialize() {
        if (FIELDS == null) {
            if (!warned) {
                warned = true;
                LOG.log(System.Logger.Level.WARNING, "io_uring loops work only on the thread that created them: Netty's "
                        + "ring cannot be reached (add --add-opens io.netty.transport.classes.io_uring/"
                        + "io.netty.channel.uring=" + openTarget() + ")");
            }
            delegate.initialize();
            return;
        }
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread enabler = new Thread(() -> {
            try {
                delegate.initialize();
            } catch (Throwable t) {
                failure.set(t);
            }
        }, "io_uring ring enabler");
        enabler.start();
        boolean interrupted = false;
        while (true) {
            try {
                enabler.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true; // the ring must be enabled before this returns
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        Throwable t = failure.get();
        if (t instanceof RuntimeException r) {
            throw r;
        } else if (t instanceof Error e) {
            throw e;
        } else if (t != null) {
            throw new IllegalStateException("Netty could not enable the io_uring ring", t);
        }
        enterWithThePlainDescriptor();
    }

    private void enterWithThePlainDescriptor() {
        try {
            Object queue = FIELDS[1].get(FIELDS[0].get(delegate));
            FIELDS[3].setInt(queue, FIELDS[2].getInt(queue));
            FIELDS[4].setInt(queue, FIELDS[4].getInt(queue) & ~ENTER_REGISTERED_RING);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("Netty's io_uring submission queue could not be changed", e);
        }
    }

    @Override
    public int run(IoHandlerContext context) {
        return delegate.run(context);
    }

    @Override
    public void prepareToDestroy() {
        delegate.prepareToDestroy();
    }

    @Override
    public void destroy() {
        delegate.destroy();
    }

    @Override
    public IoRegistration register(IoHandle handle) throws Exception {
        return delegate.register(handle);
    }

    @Override
    public void wakeup() {
        delegate.wakeup();
    }

    @Override
    public boolean isCompatible(Class<? extends IoHandle> handleType) {
        return delegate.isCompatible(handleType);
    }
}
