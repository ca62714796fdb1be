package dev.ioasync.coro;

/**
 * The scope of an {@link Coro#onEnter(Runnable)} or {@link Coro#onLeave(Runnable)} block
 * (Coro's dynamic-wind): closing it removes the block; closing an {@code onLeave} scope also runs
 * the block once. Meant for try-with-resources.
 */
public interface Winder extends AutoCloseable {

    /** Ends the scope; idempotent. */
    @Override
    void close();
}
