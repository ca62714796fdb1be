/**
 * Networking on the loop: {@link dev.ioasync.net.Listener} (IO::Async::Listener),
 * {@link dev.ioasync.net.DatagramSocket} (IO::Async::Socket), connecting
 * ({@link dev.ioasync.net.Connector}) and name resolution ({@link dev.ioasync.net.Resolver}).
 *
 * <h2>Thread rules</h2>
 * Confined to the loop thread; name lookups run on virtual threads and deliver their answers
 * to the loop thread with {@code later}.
 */
package dev.ioasync.net;
