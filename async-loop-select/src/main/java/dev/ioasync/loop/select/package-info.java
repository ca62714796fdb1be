/**
 * The {@code select} loop backend on {@link java.nio.channels.Selector}, pure JDK.
 *
 * <h2>Thread rules</h2>
 * The poller and its handles' registrations are used only on the loop thread; the poller's
 * {@code wakeup} may be called from any thread.
 */
package dev.ioasync.loop.select;
