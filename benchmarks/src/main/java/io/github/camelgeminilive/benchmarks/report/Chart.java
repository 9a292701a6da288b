package io.github.camelgeminilive.benchmarks.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Stroke;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import javax.imageio.ImageIO;

/**
 * A small line chart drawn with java.awt (headless): one or more panels, each with series of (x, y) points, an
 * optional log y axis and a horizontal limit line.
 */
final class Chart {

    /** One line: label, colour, dashed or not, points. */
    record Series(String label, Color color, boolean dashed, List<double[]> points) {
    }

    /** One plot area. */
    record Panel(String title, String xLabel, String yLabel, boolean logY, double yMin, double yMax, double limit,
            String limitLabel, List<Series> series) {
    }

    private static final int PANEL_W = 560;
    private static final int H = 436;
    private static final int LEFT = 70;
    private static final int RIGHT = 20;
    private static final int TOP = 40;
    private static final int BOTTOM = 111;

    private Chart() {
    }

    static void write(Path file, String title, List<Panel> panels) throws IOException {
        System.setProperty("java.awt.headless", "true");
        int width = PANEL_W * panels.size();
        // two legend columns per panel, as many rows as the longest legend needs (the plot keeps its size)
        int rows = (panels.stream().mapToInt(p -> p.series().size()).max().orElse(0) + 1) / 2;
        int height = H + 30 + Math.max(0, rows - 4) * 16;
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        g.drawString(title, 14, 22);
        for (int i = 0; i < panels.size(); i++) {
            drawPanel(g, panels.get(i), i * PANEL_W, 30, rows);
        }
        g.dispose();
        ImageIO.write(img, "png", file.toFile());
    }

    private static void drawPanel(Graphics2D g, Panel p, int x0, int y0, int legendRows) {
        double xMax = 0;
        for (Series s : p.series()) {
            for (double[] pt : s.points()) {
                xMax = Math.max(xMax, pt[0]);
            }
        }
        xMax = niceCeil(Math.max(xMax, 1));
        int plotL = x0 + LEFT;
        int plotR = x0 + PANEL_W - RIGHT;
        int plotT = y0 + TOP;
        int plotB = y0 + H - BOTTOM;
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
        g.setColor(Color.BLACK);
        g.drawString(p.title(), plotL, y0 + 20);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        // y grid and ticks
        for (double v : yTicks(p)) {
            int y = yPix(p, v, plotT, plotB);
            g.setColor(new Color(225, 225, 225));
            g.drawLine(plotL, y, plotR, y);
            g.setColor(Color.DARK_GRAY);
            String label = p.logY() ? (v >= 1 ? String.valueOf((long) v) : String.valueOf(v))
                    : String.format(java.util.Locale.ROOT, "%.1f", v);
            g.drawString(label, plotL - 8 - g.getFontMetrics().stringWidth(label), y + 4);
        }
        // x grid and ticks
        for (int i = 0; i <= 5; i++) {
            double v = xMax * i / 5;
            int x = (int) (plotL + (plotR - plotL) * v / xMax);
            g.setColor(new Color(235, 235, 235));
            g.drawLine(x, plotT, x, plotB);
            g.setColor(Color.DARK_GRAY);
            String label = String.valueOf((long) v);
            g.drawString(label, x - g.getFontMetrics().stringWidth(label) / 2, plotB + 15);
        }
        g.setColor(Color.BLACK);
        g.drawRect(plotL, plotT, plotR - plotL, plotB - plotT);
        g.drawString(p.xLabel(), (plotL + plotR) / 2 - g.getFontMetrics().stringWidth(p.xLabel()) / 2, plotB + 32);
        Graphics2D rotated = (Graphics2D) g.create();
        rotated.rotate(-Math.PI / 2);
        rotated.drawString(p.yLabel(), -(plotT + plotB) / 2 - g.getFontMetrics().stringWidth(p.yLabel()) / 2,
                x0 + 16);
        rotated.dispose();
        if (!Double.isNaN(p.limit())) {
            int y = yPix(p, p.limit(), plotT, plotB);
            g.setColor(new Color(200, 0, 0));
            g.setStroke(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] {3, 3}, 0));
            g.drawLine(plotL, y, plotR, y);
            g.drawString(p.limitLabel(), plotR - 6 - g.getFontMetrics().stringWidth(p.limitLabel()), y - 4);
        }
        // series
        Stroke solid = new BasicStroke(2.2f);
        Stroke dashed = new BasicStroke(2.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] {7, 5}, 0);
        for (Series s : p.series()) {
            g.setColor(s.color());
            g.setStroke(s.dashed() ? dashed : solid);
            int[] prev = null;
            for (double[] pt : s.points()) {
                if (Double.isNaN(pt[1])) {
                    continue;
                }
                int x = (int) (plotL + (plotR - plotL) * pt[0] / xMax);
                int y = yPix(p, Math.min(Math.max(pt[1], p.yMin()), p.yMax()), plotT, plotB);
                if (prev != null) {
                    g.drawLine(prev[0], prev[1], x, y);
                }
                g.fillOval(x - 4, y - 4, 8, 8);
                prev = new int[] {x, y};
            }
        }
        // legend below the plot
        g.setStroke(new BasicStroke(2.2f));
        for (int i = 0; i < p.series().size(); i++) {
            Series s = p.series().get(i);
            int lx = plotL + (i / legendRows) * (plotR - plotL) / 2;
            int ly = plotB + 52 + (i % legendRows) * 16;
            g.setColor(s.color());
            g.setStroke(s.dashed() ? dashed : solid);
            g.drawLine(lx, ly - 4, lx + 24, ly - 4);
            g.setColor(Color.BLACK);
            g.drawString(s.label(), lx + 30, ly);
        }
        g.setStroke(new BasicStroke(1f));
    }

    private static int yPix(Panel p, double v, int top, int bottom) {
        double f = p.logY()
                ? (Math.log10(v) - Math.log10(p.yMin())) / (Math.log10(p.yMax()) - Math.log10(p.yMin()))
                : (v - p.yMin()) / (p.yMax() - p.yMin());
        return (int) Math.round(bottom - f * (bottom - top));
    }

    private static double[] yTicks(Panel p) {
        if (p.logY()) {
            int lo = (int) Math.floor(Math.log10(p.yMin()));
            int hi = (int) Math.ceil(Math.log10(p.yMax()));
            double[] t = new double[hi - lo + 1];
            for (int i = lo; i <= hi; i++) {
                t[i - lo] = Math.pow(10, i);
            }
            return t;
        }
        double[] t = new double[6];
        for (int i = 0; i <= 5; i++) {
            t[i] = p.yMin() + (p.yMax() - p.yMin()) * i / 5;
        }
        return t;
    }

    static double niceCeil(double v) {
        double mag = Math.pow(10, Math.floor(Math.log10(v)));
        for (double m : new double[] {1, 2, 2.5, 5, 10}) {
            if (m * mag >= v) {
                return m * mag;
            }
        }
        return 10 * mag;
    }
}
