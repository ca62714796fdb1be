/**
 * Runnable attack scenarios against the default limits of streams and listeners, each a
 * {@code main} bounded in time, on loopback only, that prints what happened:
 * {@link dev.ioasync.bench.attack.SilentTlsClients} (silent TLS clients against a server with a
 * low file-descriptor limit), {@link dev.ioasync.bench.attack.HugeLine} (a 200 MB line without a
 * newline) and {@link dev.ioasync.bench.attack.WriteFlood} (a writer that ignores the write
 * watermarks toward a peer that does not read). Run one with
 * {@code java -cp async-bench/target/classes:<dependencies> dev.ioasync.bench.attack.HugeLine}
 * (or {@code mvn -pl async-bench exec:java -Dexec.mainClass=...} where the exec plugin is at hand).
 *
 * <h2>Thread rules</h2>
 * Each scenario runs its loop on its main thread; the attacker runs on threads of its own and
 * talks to the loop only through sockets.
 */
package dev.ioasync.bench.attack;
