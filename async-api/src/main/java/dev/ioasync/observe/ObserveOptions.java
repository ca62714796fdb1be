package dev.ioasync.observe;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * How a loop is watched: its name (in metrics, logs, JFR events and its JMX name), the
 * watchdog's warning threshold, whether it keeps its metrics and whether it registers an MBean.
 * Defaults come from system properties: {@value #WATCHDOG_PROPERTY} (for example {@code 2s},
 * {@code 100ms}; {@code 0} turns the watchdog off; default {@code 2s}), {@value #METRICS_PROPERTY}
 * ({@code false} turns the metrics off; default on) and {@value #JMX_PROPERTY} ({@code true} to
 * register every loop's MBean). A {@link dev.ioasync.LoopBuilder} sets them per loop
 * ({@code watchdog(Duration.ZERO)}, {@code metrics(false)}, {@code jmx(true)}).
 *
 * <h2>What each costs, and how to turn it off</h2>
 * <ul>
 *   <li><b>Metrics</b> (on by default): three clock reads and a histogram increment per loop
 *       iteration, a counter per callback, and one volatile write at most every
 *       {@value LoopObserver#PUBLISH_MILLIS} ms. Off ({@code metrics(false)} or
 *       {@code -D}{@value #METRICS_PROPERTY}{@code =false}): no clock read per iteration; the
 *       timing counters, histograms and gauges of {@link LoopMetrics} stay at zero (bytes,
 *       connections, limit hits and errors are still counted).</li>
 *   <li><b>Watchdog</b> (on by default, 2 s): per callback, two opaque stores (plain stores on
 *       x86 and ARM) that the watchdog's own thread reads; the loop never waits for it. Off
 *       ({@code watchdog(Duration.ZERO)} or {@code -D}{@value #WATCHDOG_PROPERTY}{@code =0}):
 *       with metrics off as well, callbacks run with no store at all.</li>
 *   <li><b>JFR events</b>: one volatile load per iteration while no recording runs; a loop
 *       times its callbacks only while one does.</li>
 *   <li><b>JMX</b>: off by default; nothing on the loop thread when on (attributes read the
 *       published snapshot).</li>
 * </ul>
 *
 * @param name the loop's name, or {@code null} for {@code loop-N}
 * @param watchdogWarn how long one callback may hold the loop before the watchdog warns;
 *        {@link Duration#ZERO} turns it off
 * @param jmx whether to register the loop's MBean
 * @param metrics whether the loop keeps its timing counters, histograms and gauges
 */
public record ObserveOptions(String name, Duration watchdogWarn, boolean jmx, boolean metrics) {

    /** The system property giving the default watchdog threshold. */
    public static final String WATCHDOG_PROPERTY = "ioasync.watchdog.warn";

    /** The system property that turns every loop's metrics off when {@code false}. */
    public static final String METRICS_PROPERTY = "ioasync.metrics";

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
     * @param metrics whether to keep metrics
     * @throws IllegalArgumentException when the threshold is negative
     */
    public ObserveOptions {
        Objects.requireNonNull(watchdogWarn, "watchdogWarn");
        if (watchdogWarn.isNegative()) {
            throw new IllegalArgumentException("watchdog threshold must not be negative, got " + watchdogWarn);
        }
    }

    /**
     * Options with metrics on unless the system property {@value #METRICS_PROPERTY} is
     * {@code false}.
     *
     * @param name the loop's name, or {@code null}
     * @param watchdogWarn the threshold
     * @param jmx whether to register the MBean
     * @throws IllegalArgumentException when the threshold is negative or the property cannot be read
     */
    public ObserveOptions(String name, Duration watchdogWarn, boolean jmx) {
        this(name, watchdogWarn, jmx, metricsProperty());
    }

    /**
     * {@return the options the system properties give, for an unnamed loop}
     *
     * @throws IllegalArgumentException when a property holds a value that cannot be read
     */
    public static ObserveOptions fromSystemProperties() {
        String warn = System.getProperty(WATCHDOG_PROPERTY);
        Duration d = warn == null ? DEFAULT_WATCHDOG_WARN : parseDuration(warn, WATCHDOG_PROPERTY);
        return new ObserveOptions(null, d, Boolean.getBoolean(JMX_PROPERTY), metricsProperty());
    }

    private static boolean metricsProperty() {
        String v = System.getProperty(METRICS_PROPERTY);
        if (v == null || v.equalsIgnoreCase("true")) {
            return true;
        }
        if (v.equalsIgnoreCase("false")) {
            return false;
        }
        throw new IllegalArgumentException("-D" + METRICS_PROPERTY + ": cannot read '" + v + "' (true or false)");
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
