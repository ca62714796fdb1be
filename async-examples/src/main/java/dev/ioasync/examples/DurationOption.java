package dev.ioasync.examples;

import dev.ioasync.observe.ObserveOptions;
import java.time.Duration;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads an interval option such as {@code 5s} or {@code 500ms}; it must be more than zero. */
final class DurationOption implements ITypeConverter<Duration> {

    @Override
    public Duration convert(String value) {
        Duration d;
        try {
            d = ObserveOptions.parseDuration(value, "the interval");
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException("'" + value + "' is no interval (try 5s or 500ms)");
        }
        if (d.isZero() || d.isNegative()) {
            throw new TypeConversionException("the interval must be more than zero, not '" + value + "'");
        }
        return d;
    }
}
