/**
 * Internal: the default coro mechanism on {@code jdk.internal.vm.Continuation}. Compiled on its
 * own with {@code --add-exports java.base/jdk.internal.vm=ALL-UNNAMED} and loaded by class name
 * only when that package is exported at run time.
 *
 * <h2>Thread rules</h2>
 * Every strand runs on the thread that resumes it: the loop's thread.
 */
package dev.ioasync.coro.internal.cont;
