package dev.ioasync.bench.report;

import java.util.Locale;

/** Number formatting for the report: three significant figures, k/M/G for rates. */
public final class Fmt {

    private Fmt() {
    }

    /**
     * A measure's median with its spread: {@code 15.4 M (14.1–16.0)} for several samples,
     * {@code 13.5 k} for one. Rates get a k/M/G scale; costs are shown as they are.
     *
     * @param m the measure
     * @return the cell text
     */
    public static String cell(Measure m) {
        double med = m.median();
        double scale = m.isRate() ? scale(med) : 1;
        String suffix = m.isRate() ? suffix(scale) : "";
        String text = sig3(med / scale) + suffix;
        if (m.values().size() > 1) {
            text += " (" + sig3(m.min() / scale) + "–" + sig3(m.max() / scale) + ")";
        }
        return text;
    }

    /**
     * A value with a k/M/G scale: {@code 1.23 M}.
     *
     * @param v the value
     * @return the text
     */
    public static String scaled(double v) {
        double scale = scale(v);
        return sig3(v / scale) + suffix(scale);
    }

    /**
     * A ratio: {@code 1141x}, {@code 10.8x}, {@code 0.95x}.
     *
     * @param r the ratio
     * @return the text
     */
    public static String ratio(double r) {
        if (Double.isNaN(r) || Double.isInfinite(r)) {
            return "–";
        }
        return String.format(Locale.ROOT, r >= 100 ? "%.0fx" : r >= 10 ? "%.1fx" : "%.2fx", r);
    }

    /**
     * Three significant figures, no exponent: {@code 15.4}, {@code 106}, {@code 1141}, {@code 0.525}.
     *
     * @param v the value
     * @return the text
     */
    public static String sig3(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (v == 0) {
            return "0";
        }
        double a = Math.abs(v);
        String f = a >= 99.5 ? "%.0f" : a >= 9.995 ? "%.1f" : a >= 1 ? "%.2f" : "%.3g";   // by the rounded size
        return String.format(Locale.ROOT, f, v);
    }

    private static double scale(double v) {
        double a = Math.abs(v);
        return a >= 999.5e6 ? 1e9 : a >= 999.5e3 ? 1e6 : a >= 9999.5 ? 1e3 : 1;   // so that 9999.9 reads 10.0 k
    }

    private static String suffix(double scale) {
        return scale == 1e9 ? " G" : scale == 1e6 ? " M" : scale == 1e3 ? " k" : "";
    }
}
