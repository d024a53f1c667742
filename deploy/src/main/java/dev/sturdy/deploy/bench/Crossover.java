package dev.sturdy.deploy.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * Where PANN at precision B overtakes exact ReLU as the one-way latency grows, from the batch-1
 * times at the measured latencies: the first measured latency at which PANN is at least as fast,
 * and, from a least-squares line t(L) = a + b L per mode (b is about the rounds: each round waits
 * one delay), the latency where the two lines cross, or that they never do.
 */
final class Crossover {
    private Crossover() {
    }

    /** One sentence per B, in the order of {@code pann}; {@code exact} and each pann row list share the latencies. */
    static List<String> report(List<BenchRow> exact, List<List<BenchRow>> pann) {
        List<String> out = new ArrayList<>();
        double[] e = fit(exact);
        for (List<BenchRow> rows : pann) {
            String label = rows.get(0).job().label();
            String measured = "slower than exact ReLU at every measured latency";
            for (int i = 0; i < rows.size(); i++) {
                if (rows.get(i).secondsPerImage() <= exact.get(i).secondsPerImage()) {
                    measured = String.format("at least as fast as exact ReLU from %.0f ms", rows.get(i).latencyMillis());
                    break;
                }
            }
            double[] p = fit(rows);
            String model;
            if (rows.size() < 2) {
                model = "one latency measured: no trend";
            } else if (p[1] >= e[1]) {
                // PANN's line is at least as steep: once slower, it stays slower.
                if (p[0] > e[0]) {
                    model = String.format("the lines never cross: PANN pays %.1f ms per ms of latency, exact ReLU %.1f",
                            p[1], e[1]);
                } else if (p[1] == e[1]) {
                    model = "the lines say PANN stays faster at every latency";
                } else {
                    model = String.format("the lines cross at %.0f ms one way, beyond which exact ReLU is faster",
                            (e[0] - p[0]) / (p[1] - e[1]) * 1000);
                }
            } else {
                double at = (p[0] - e[0]) / (e[1] - p[1]);
                model = at <= 0 ? "the lines say PANN is faster at every latency"
                        : String.format("the lines cross at %.0f ms one way, beyond which PANN is faster", at * 1000);
            }
            out.add(String.format("%s (%d rounds vs %d exact): PANN %s; %s", label,
                    rows.get(0).rounds(), exact.get(0).rounds(), measured, model));
        }
        return out;
    }

    /** {intercept in s, slope in s per s of latency} of seconds per image against latency. */
    static double[] fit(List<BenchRow> rows) {
        int n = rows.size();
        double mx = 0, my = 0;
        for (BenchRow r : rows) {
            mx += r.latencyMillis() / 1000 / n;
            my += r.secondsPerImage() / n;
        }
        double sxy = 0, sxx = 0;
        for (BenchRow r : rows) {
            double dx = r.latencyMillis() / 1000 - mx;
            sxy += dx * (r.secondsPerImage() - my);
            sxx += dx * dx;
        }
        double slope = sxx == 0 ? 0 : sxy / sxx;
        return new double[] {my - slope * mx, slope};
    }
}
