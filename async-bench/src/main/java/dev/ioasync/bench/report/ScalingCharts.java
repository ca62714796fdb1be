package dev.ioasync.bench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** Draws {@link Chart}s as PNG files with XChart. */
public final class ScalingCharts {

    private ScalingCharts() {
    }

    /**
     * Writes every chart that has a curve as {@code folder/FILE.png}.
     *
     * @param charts the charts
     * @param folder where the PNGs go (created when missing)
     * @param linkPrefix the folder as seen from BENCHMARKS.md, e.g. {@code benchmarks/}
     * @return one Markdown image link per chart written
     * @throws IOException when a file cannot be written
     */
    public static List<String> write(List<Chart> charts, Path folder, String linkPrefix) throws IOException {
        List<String> links = new ArrayList<>();
        for (Chart c : charts) {
            if (c.curves().isEmpty()) {
                continue;
            }
            Files.createDirectories(folder);
            BitmapEncoder.saveBitmap(draw(c), folder.resolve(c.file() + ".png").toString(), BitmapEncoder.BitmapFormat.PNG);
            links.add("![" + c.title() + "](" + linkPrefix + c.file() + ".png)");
        }
        return links;
    }

    /**
     * Draws one chart.
     *
     * @param c the chart
     * @return the XChart chart
     */
    static XYChart draw(Chart c) {
        XYChart x = new XYChartBuilder().width(800).height(480).title(c.title())
                .xAxisTitle(c.xTitle()).yAxisTitle(c.yTitle()).build();
        x.getStyler().setXAxisLogarithmic(true);
        x.getStyler().setYAxisLogarithmic(c.logY());
        x.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideS);
        for (Curve curve : c.curves()) {
            x.addSeries(curve.name(), curve.xs(), curve.ys()).setMarker(SeriesMarkers.CIRCLE);
        }
        return x;
    }
}
