/** The consumer as a module: it reads the API, Coro and Routine; the backends come by service binding. */
module com.example.consumer {
    requires dev.ioasync;
    requires dev.ioasync.coro;
    requires dev.ioasync.routine;

    exports com.example.consumer;
}
