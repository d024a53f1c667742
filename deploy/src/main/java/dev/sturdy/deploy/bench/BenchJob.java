package dev.sturdy.deploy.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One measurement the bench roles run together: a secure query of a shared model
 * ({@link Kind#MODEL}: the shares under {@code shares}, precision {@code beta}, 0 = exact ReLU,
 * {@code batch} images), or an elementwise workload on {@code elements} secret values with
 * {@code fractionalBits} (models: their share files say). Every job runs once to warm up (JIT, the
 * dealer's plan) and then {@code reps} times. {@code dealerAhead}: the dealer prepares each query of a
 * model before it starts and the parties start their clocks once it is ready.
 */
public record BenchJob(Kind kind, String shares, int beta, int batch, int elements, int fractionalBits, int reps,
                       boolean dealerAhead) {

    public enum Kind {
        MODEL, MUL, POLY, RELU;

        String key() {
            return name().toLowerCase();
        }
    }

    public static BenchJob model(String shares, int beta, int batch, int reps, boolean dealerAhead) {
        return new BenchJob(Kind.MODEL, shares, beta, batch, 0, 0, reps, dealerAhead);
    }

    public static BenchJob elementwise(Kind kind, int elements, int fractionalBits, int reps) {
        return new BenchJob(kind, "", 0, 1, elements, fractionalBits, reps, false);
    }

    /** "B=9", "exact" or the workload's name. */
    public String label() {
        if (kind != Kind.MODEL) {
            return kind.key();
        }
        return beta == 0 ? "exact" : "B=" + beta;
    }

    Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", kind.key());
        m.put("shares", shares);
        m.put("beta", (long) beta);
        m.put("batch", (long) batch);
        m.put("elements", (long) elements);
        m.put("fractionalBits", (long) fractionalBits);
        m.put("reps", (long) reps);
        m.put("dealerAhead", dealerAhead);
        return m;
    }

    static BenchJob fromMap(Map<?, ?> m) {
        return new BenchJob(Kind.valueOf(((String) m.get("kind")).toUpperCase()), (String) m.get("shares"),
                integer(m, "beta"), integer(m, "batch"), integer(m, "elements"), integer(m, "fractionalBits"),
                integer(m, "reps"), (Boolean) m.get("dealerAhead"));
    }

    static int integer(Map<?, ?> m, String key) {
        return ((Number) m.get(key)).intValue();
    }
}
