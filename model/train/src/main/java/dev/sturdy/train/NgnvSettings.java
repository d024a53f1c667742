package dev.sturdy.train;

/**
 * NGNV parameters (../shared/DESIGN.md): the fraction r of the most negative ReLU inputs of each sample
 * that receive noise, the noise scale lambda, and whether e is Gaussian (eq. 9) or its sign
 * (eq. 10, the worst case).
 */
public record NgnvSettings(double r, double lambda, boolean sign) {

    public NgnvSettings {
        if (!(r > 0 && r <= 1)) {
            throw new IllegalArgumentException("NGNV r must lie in (0, 1], got " + r);
        }
        if (!(lambda >= 0) || Double.isInfinite(lambda)) {
            throw new IllegalArgumentException("NGNV lambda must be finite and >= 0, got " + lambda);
        }
    }

    /** Parses "r=0.3,lambda=0.1" with an optional ",sign". */
    public static NgnvSettings parse(String text) {
        Double r = null;
        Double lambda = null;
        boolean sign = false;
        for (String item : text.split(",", -1)) {
            String s = item.trim();
            if (s.equals("sign")) {
                sign = true;
            } else if (s.startsWith("r=")) {
                r = number(s.substring(2), text);
            } else if (s.startsWith("lambda=")) {
                lambda = number(s.substring(7), text);
            } else {
                throw new IllegalArgumentException(usage(text));
            }
        }
        if (r == null || lambda == null) {
            throw new IllegalArgumentException(usage(text));
        }
        return new NgnvSettings(r, lambda, sign);
    }

    @Override
    public String toString() {
        return "r=" + r + ",lambda=" + lambda + (sign ? ",sign" : "");
    }

    private static double number(String s, String whole) {
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(usage(whole));
        }
    }

    private static String usage(String text) {
        return "--ngnv '" + text + "': expected r=R,lambda=L[,sign], e.g. r=0.3,lambda=0.1";
    }
}
