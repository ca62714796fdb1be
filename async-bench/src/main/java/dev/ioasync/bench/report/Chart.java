package dev.ioasync.bench.report;

import java.util.List;

/**
 * One scaling plot: what it shows, its axes and its curves.
 *
 * @param file the PNG's name without extension, e.g. {@code timers}
 * @param title the title
 * @param xTitle the x axis (always logarithmic)
 * @param yTitle the y axis
 * @param logY whether the y axis is logarithmic
 * @param curves the curves; empty ones are left out
 */
public record Chart(String file, String title, String xTitle, String yTitle, boolean logY, List<Curve> curves) {

    /**
     * Keeps the curves that have points.
     *
     * @param file the name
     * @param title the title
     * @param xTitle the x axis
     * @param yTitle the y axis
     * @param logY whether y is logarithmic
     * @param curves the curves
     */
    public Chart {
        curves = curves.stream().filter(c -> !c.isEmpty()).toList();
    }
}
