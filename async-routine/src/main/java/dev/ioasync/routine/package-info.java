/**
 * Routine, Channel, Function and DetachedCode: code in other threads and child JVMs. Being written.
 *
 * <h2>Thread rules</h2>
 * Loop-side objects are confined to the loop thread.
 */
package dev.ioasync.routine;
