package dev.sturdy.party.cli;

import dev.sturdy.model.approx.SignPolynomials;
import java.util.TreeSet;

/**
 * Precisions B given on the command line: a single value ("9"), a range ("6..20"), a list
 * ("6,8,10") or a list of both ("6..8,12"); each B must be one we ship polynomials for.
 */
public final class BetaRange {

    private BetaRange() {
    }

    /** The distinct values, ascending. */
    public static int[] parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("no precision given; expected e.g. 9, 6..20 or 6,8,10");
        }
        TreeSet<Integer> values = new TreeSet<>();
        for (String item : text.split(",", -1)) {
            String s = item.trim();
            int dots = s.indexOf("..");
            if (dots >= 0) {
                int from = number(s.substring(0, dots), text);
                int to = number(s.substring(dots + 2), text);
                if (from > to) {
                    throw new IllegalArgumentException("'" + s + "' is an empty range; write the smaller B first");
                }
                for (int b = from; b <= to; b++) {
                    values.add(b);
                }
            } else {
                values.add(number(s, text));
            }
        }
        return values.stream().mapToInt(Integer::intValue).toArray();
    }

    private static int number(String s, String whole) {
        int b;
        try {
            b = Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + whole + "' is not a precision; expected e.g. 9, 6..20 or 6,8,10");
        }
        if (b < SignPolynomials.MIN_BETA || b > SignPolynomials.MAX_BETA) {
            throw new IllegalArgumentException("B = " + b + " is out of range; polynomials exist for B = "
                    + SignPolynomials.MIN_BETA + ".." + SignPolynomials.MAX_BETA);
        }
        return b;
    }
}
