/**
 * Coro: cooperative threads on the loop. The fast mechanism, {@code jdk.internal.vm.Continuation},
 * runs when {@code java.base} exports {@code jdk.internal.vm} to this module: on the module path
 * {@code --add-exports java.base/jdk.internal.vm=dev.ioasync.coro}, on the class path
 * {@code --add-exports java.base/jdk.internal.vm=ALL-UNNAMED}; otherwise coros run on virtual
 * threads and the log says why, once.
 */
module dev.ioasync.coro {
    requires transitive dev.ioasync;

    exports dev.ioasync.coro;
}
