/**
 * Internal: the default coro mechanism on {@code jdk.internal.vm.Continuation}. Compiled inside
 * the module with {@code --add-exports java.base/jdk.internal.vm=dev.ioasync.coro} and loaded by
 * class name only when that package is exported at run time (to {@code ALL-UNNAMED} on the class
 * path, to {@code dev.ioasync.coro} on the module path).
 *
 * <h2>Thread rules</h2>
 * Every strand runs on the thread that resumes it: the loop's thread.
 */
package dev.ioasync.coro.internal.cont;
