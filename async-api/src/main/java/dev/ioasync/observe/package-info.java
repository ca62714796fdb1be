/**
 * Looking inside a running loop at no cost when nobody looks: {@link dev.ioasync.observe.LoopMetrics}
 * snapshots ({@link dev.ioasync.Loop#metrics()}), the blocked-loop {@link dev.ioasync.observe.Watchdog},
 * Java Flight Recorder events ({@link dev.ioasync.observe.LoopStallEvent},
 * {@link dev.ioasync.observe.CallbackErrorEvent}, {@link dev.ioasync.observe.ChildExitEvent},
 * {@link dev.ioasync.observe.TlsHandshakeEvent}, {@link dev.ioasync.observe.LimitHitEvent}) and the
 * JMX view ({@link dev.ioasync.observe.LoopMXBean}). What each costs and how to turn it off:
 * {@link dev.ioasync.observe.ObserveOptions}.
 * IO::Async's manuals describe no twin of this package (recent IO::Async releases report a few
 * counters through Metrics::Any; this package covers those and more).
 *
 * <h2>Thread rules</h2>
 * A {@link dev.ioasync.observe.LoopObserver} is written only by its loop's thread, with plain
 * stores. The loop publishes what it counted with one volatile write before it sleeps in its
 * poll and at most every {@value dev.ioasync.observe.LoopObserver#PUBLISH_MILLIS} ms while it is
 * busy; a snapshot taken on another thread sees everything up to that publication (a later
 * counter may show through, never a torn one). Snapshots ({@code LoopMetrics},
 * {@code HistogramSnapshot}) are immutable and may be shared freely. The watchdog runs on one
 * daemon thread per JVM and only reads. The I/O code (streams, listeners) adds to the counters of
 * its loop's observer on the loop thread; JFR events are committed on the thread where their
 * event happens (the loop's, or the JDK's process reaper for {@code ChildExit}).
 */
package dev.ioasync.observe;
