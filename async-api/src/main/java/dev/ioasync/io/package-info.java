/**
 * Backend-neutral operating-system handles: pipes now, sockets with the networking work.
 *
 * <h2>Thread rules</h2>
 * A handle's {@code read} and {@code write} may be called from any one thread at a time; the
 * usual owner is the loop thread that watches it. {@code close} may be called from any thread;
 * a loop watching a closed handle drops it quietly at its next iteration.
 */
package dev.ioasync.io;
