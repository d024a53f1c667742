package dev.sturdy.deploy.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One measured line of the bench: a job at one emulated latency. Times are medians over the
 * repetitions after the warm-up (party 0's wall time, which includes waiting for the dealer);
 * bytes are payload bytes of the last repetition (equal in every one: sizes are public).
 *
 * @param bestSeconds   the fastest repetition (under load from other processes the least disturbed one)
 * @param bytesPerParty online bytes the busiest compute party sent
 * @param dealerBytes   what the dealer sent during the query (corrections; the parties count what they received)
 * @param time          per layer type: {compute, waiting on the other parties, waiting on the dealer} in ms (party 0)
 * @param plainMillis   plaintext PANN (or backbone) time per image for the same images, NaN for workloads
 * @param accuracy      plaintext top-1 accuracy in % at this mode, NaN when unknown
 * @param agree         images whose secure class equals the plaintext class, -1 for workloads
 */
record BenchRow(double latencyMillis, BenchJob job, double seconds, double bestSeconds, double warmupSeconds, long rounds,
                long bytesPerParty, long dealerBytes, Map<String, Long> correlations, Map<String, double[]> time,
                double plainMillis, double accuracy, int agree) {

    double secondsPerImage() {
        return seconds / job.batch();
    }

    double imagesPerSecond() {
        return job.batch() / seconds;
    }

    /** The row from every role's line for the job; {@code layerTypes} maps cost labels to layer types. */
    static BenchRow of(double latencyMillis, BenchJob job, Map<?, ?>[] lines, Map<String, String> layerTypes,
                       double plainMillis, double accuracy, int agree) {
        int parties = lines.length - 1;
        List<Double> runs = new ArrayList<>();
        for (Object o : (List<?>) lines[0].get("seconds")) {
            runs.add(((Number) o).doubleValue());
        }
        long maxSent = 0, dealer = 0;
        for (int p = 0; p < parties; p++) {
            dealer += ((Number) total(lines[p]).get("dealerBytes")).longValue();
            long sent = 0;
            for (Object b : (List<?>) total(lines[p]).get("bytesSentTo")) {
                sent += ((Number) b).longValue();
            }
            maxSent = Math.max(maxSent, sent);
        }
        Map<?, ?> total = total(lines[0]);
        Map<String, Long> correlations = new LinkedHashMap<>();
        ((Map<?, ?>) total.get("correlations")).forEach((k, v) -> {
            if (((Number) v).longValue() != 0) {
                correlations.put((String) k, ((Number) v).longValue());
            }
        });
        List<Double> timed = runs.subList(1, runs.size());
        return new BenchRow(latencyMillis, job, median(timed), timed.stream().min(Double::compare).orElseThrow(), runs.get(0),
                ((Number) total.get("rounds")).longValue(), maxSent, dealer,
                correlations, timeByType(lines[0], parties, layerTypes), plainMillis, accuracy, agree);
    }

    private static Map<?, ?> total(Map<?, ?> line) {
        return (Map<?, ?>) ((Map<?, ?>) line.get("cost")).get("total");
    }

    private static Map<String, double[]> timeByType(Map<?, ?> line, int parties, Map<String, String> layerTypes) {
        Map<String, double[]> out = new TreeMap<>();
        for (Object o : (List<?>) ((Map<?, ?>) line.get("cost")).get("operations")) {
            Map<?, ?> op = (Map<?, ?>) o;
            String type = layerTypes.getOrDefault((String) op.get("label"), "other");
            List<?> waits = (List<?>) op.get("waitMillisFrom");
            double dealer = ((Number) waits.get(parties)).doubleValue(), peers = 0;
            for (int p = 0; p < parties; p++) {
                peers += ((Number) waits.get(p)).doubleValue();
            }
            double[] t = out.computeIfAbsent(type, k -> new double[3]);
            t[0] += ((Number) op.get("millis")).doubleValue() - dealer - peers;
            t[1] += peers;
            t[2] += dealer;
        }
        return out;
    }

    static double median(List<Double> values) {
        List<Double> v = new ArrayList<>(values);
        v.sort(null);
        int n = v.size();
        return n % 2 == 1 ? v.get(n / 2) : (v.get(n / 2 - 1) + v.get(n / 2)) / 2;
    }

    Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("latencyMs", latencyMillis);
        m.put("mode", job.label());
        m.put("beta", (long) job.beta());
        m.put("batch", (long) job.batch());
        if (job.kind() != BenchJob.Kind.MODEL) {
            m.put("elements", (long) job.elements());
        }
        m.put("fractionBits", (long) job.fractionalBits());
        if (job.kind() == BenchJob.Kind.MODEL) {
            m.put("dealer", job.dealerAhead() ? "ahead" : "live");
        }
        m.put("seconds", seconds);
        m.put("bestSeconds", bestSeconds);
        m.put("warmupSeconds", warmupSeconds);
        m.put("secondsPerImage", secondsPerImage());
        m.put("imagesPerSecond", imagesPerSecond());
        m.put("rounds", rounds);
        m.put("bytesPerParty", bytesPerParty);
        m.put("dealerBytes", dealerBytes);
        m.put("correlations", correlations);
        Map<String, Object> t = new LinkedHashMap<>();
        time.forEach((type, v) -> {
            Map<String, Object> split = new LinkedHashMap<>();
            split.put("computeMs", v[0]);
            split.put("waitPartiesMs", v[1]);
            split.put("waitDealerMs", v[2]);
            t.put(type, split);
        });
        m.put("timeByLayerType", t);
        if (!Double.isNaN(plainMillis)) {
            m.put("plainMsPerImage", plainMillis);
        }
        if (!Double.isNaN(accuracy)) {
            m.put("accuracy", accuracy);
        }
        if (agree >= 0) {
            m.put("agree", (long) agree);
        }
        return m;
    }
}
