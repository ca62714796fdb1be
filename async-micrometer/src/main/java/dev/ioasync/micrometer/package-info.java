/**
 * Micrometer {@code MeterBinder}s for ioasync-java: {@link dev.ioasync.micrometer.LoopMeterBinder}
 * for a loop and {@link dev.ioasync.micrometer.FunctionMeterBinder} for a Function. Optional:
 * async-api itself depends on nothing beyond the JDK.
 *
 * <h2>Thread rules</h2>
 * A registry reads the meters on any thread. Loop meters read {@link dev.ioasync.Loop#metrics()},
 * which is thread-safe. Function meters read a snapshot the binder refreshes on the loop's
 * thread (through {@code later}); read off the loop thread they lag by at most one refresh.
 */
package dev.ioasync.micrometer;
