package dev.sturdy.protocol.correlation;

/**
 * Which compute party receives each request's correction: the one that has received the fewest
 * correction words so far in this query (ties to the lower id). The receiver takes the DEALT parts
 * from the correction instead of its PRG, so the work of receiving, decrypting and unpacking the
 * dealer's traffic is spread over the parties instead of all falling on party 0. The parties and
 * the dealer route the same requests in the same order, so they agree without a message.
 */
final class CorrectionRouting {
    private final long[] words;

    CorrectionRouting(int parties) {
        words = new long[parties];
    }

    /** The receiver of {@code c}'s correction; party 0 for a request without one (nothing is sent). */
    int next(Correlation c) {
        if (c.correctionBits() == 0) {
            return 0;
        }
        int best = 0;
        for (int p = 1; p < words.length; p++) {
            if (words[p] < words[best]) {
                best = p;
            }
        }
        words[best] += Derivation.words(c);
        return best;
    }
}
