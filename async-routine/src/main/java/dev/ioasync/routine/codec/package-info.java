/**
 * Message codecs for {@link dev.ioasync.routine.Channel}s that cross a process boundary: the
 * {@link dev.ioasync.routine.codec.Codec} SPI, the safe default
 * {@link dev.ioasync.routine.codec.ValueCodec}, and the opt-in
 * {@link dev.ioasync.routine.codec.SerializationCodec} guarded by an allow-list.
 *
 * <h2>Thread rules</h2>
 * Codecs are immutable and may be used from any number of threads at once.
 */
package dev.ioasync.routine.codec;
