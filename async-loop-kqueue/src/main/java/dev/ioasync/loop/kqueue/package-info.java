/**
 * The {@code kqueue} loop backend on Netty's native poller. Being written.
 *
 * <h2>Thread rules</h2>
 * The poller is used only on the loop thread; its {@code wakeup} may be called from any thread.
 */
package dev.ioasync.loop.kqueue;
