package dev.ioasync.observe;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * How a loop is watched: its name (in metrics, logs, JFR events and its JMX name), the
 * watchdog's warning threshold and whether it registers an MBean. Defaults come from system
 * properties: {@value #WATCHDOG_PROPERTY} (for example {@code 2s}, {@code 100ms}; {@code 0}
 * turns the watchdog off; default {@code 2s}) and {@value #JMX_PROPERTY} ({@code true} to
 * register every loop's MBean).
 *
 * @param name the loop's name, or {@code null} for {@code loop-N}
 * @param watchdogWarn how long one callback may hold the loop before the watchdog warns;
 *        {@link Duration#ZERO} turns it off
 * @param jmx whether to register the loop's MBean
 */
public record ObserveOptions(String name, Duration watchdogWarn, boolean jmx) {

    /** The system property giving the default watchdog threshold. */
    public static final String WATCHDOG_PROPERTY = "ioasync.watchdog.warn";

    /** The system property that registers every loop's MBean when {@code true}. */
    public static final String JMX_PROPERTY = "ioasync.jmx";

    /** The default watchdog threshold. */
    public static final Duration DEFAULT_WATCHDOG_WARN = Duration.ofSeconds(2);

    /**
     * Checks the threshold.
     *
     * @param name the loop's name, or {@code null}
     * @param watchdogWarn the threshold
     * @param jmx whether to register the MBean
     * @throws IllegalArgumentException when the threshold is negative
     */
    public ObserveOptions {
        Objects.requireNonNull(watchdogWarn, "watchdogWarn");
        if (watchdogWarn.isNegative()) {
            throw new IllegalArgumentException("watchdog threshold must not be negative, got " + watchdogWarn);
        }
    }

    /**
     * {@return the options the system properties give, for an unnamed loop}
     *
     * @throws IllegalArgumentException when a property holds a value that cannot be read
     */
    public static ObserveOptions fromSystemProperties() {
        String warn = System.getProperty(WATCHDOG_PROPERTY);
        Duration d = warn == null ? DEFAULT_WATCHDOG_WARN : parseDuration(warn, WATCHDOG_PROPERTY);
        return new ObserveOptions(null, d, Boolean.getBoolean(JMX_PROPERTY));
    }

    /**
     * Reads a duration such as {@code 2s}, {@code 100ms}, {@code 500us}, {@code 1m}, {@code 0}.
     *
     * @param text the text
     * @param what what it is, for the error message
     * @return the duration
     * @throws IllegalArgumentException naming {@code what} and the text when it cannot be read
     */
    public static Duration parseDuration(String text, String what) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        int i = 0;
        while (i < t.length() && Character.isDigit(t.charAt(i))) {
            i++;
        }
        String unit = t.substring(i).trim();
        try {
            if (i == 0) {
                throw new NumberFormatException("no number");
            }
            long n = Long.parseLong(t.substring(0, i));
            return switch (unit) {
                case "" -> {
                    if (n != 0) {
                        throw new NumberFormatException("a unit is needed");
                    }
                    yield Duration.ZERO;
                }
                case "ns" -> Duration.ofNanos(n);
                case "us" -> Duration.ofNanos(Math.multiplyExact(n, 1000L));
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m", "min" -> Duration.ofMinutes(n);
                default -> throw new NumberFormatException("unknown unit '" + unit + "'");
            };
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException(what + ": cannot read '" + text
                    + "' as a duration (a whole number with ns, us, ms, s or m, or 0): " + e.getMessage(), e);
        }
    }
}
