/**
 * Internal: what the {@code epoll} and {@code kqueue} backends share over Netty's
 * {@code unix-common} natives (handles, socket options, buffers). Not an API.
 *
 * <h2>Thread rules</h2>
 * Handles are used on their loop's thread; closing may happen from any thread.
 */
package dev.ioasync.loop.unix;
