/**
 * Protocols over transports: {@link dev.ioasync.protocol.Protocol} (IO::Async::Protocol),
 * {@link dev.ioasync.protocol.StreamProtocol} (IO::Async::Protocol::Stream) and the
 * {@link dev.ioasync.protocol.LineProtocol} example.
 *
 * <h2>Thread rules</h2>
 * Confined to the loop thread, like every notifier.
 */
package dev.ioasync.protocol;
