package dev.ioasync.bench.report;

import java.util.List;

/**
 * One line of a scaling plot: a system's measured value at each size.
 *
 * @param name the system, e.g. {@code epoll} or {@code Perl}
 * @param xs the sizes, ascending
 * @param ys the value (a median) at each size
 */
public record Curve(String name, List<Double> xs, List<Double> ys) {

    /**
     * Copies the points.
     *
     * @param name the system
     * @param xs the sizes
     * @param ys the values
     */
    public Curve {
        if (xs.size() != ys.size()) {
            throw new IllegalArgumentException(xs.size() + " sizes for " + ys.size() + " values");
        }
        xs = List.copyOf(xs);
        ys = List.copyOf(ys);
    }

    /** @return whether there is no point */
    public boolean isEmpty() {
        return xs.isEmpty();
    }

    /**
     * The same points under another name.
     *
     * @param newName the name
     * @return the renamed curve
     */
    public Curve named(String newName) {
        return new Curve(newName, xs, ys);
    }
}
