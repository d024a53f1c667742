package dev.sturdy.protocol.ring;

import java.util.ArrayList;
import java.util.Arrays;

/**
 * A small grow-only pool of {@code long[]} scratch arrays. Fresh large arrays are expensive on the
 * JVM (zeroing, page faults on first touch), so hot paths borrow and release them. Borrowed arrays
 * may be longer than asked and are not cleared, except by {@link #borrowZeroed}. Not thread safe:
 * one pool per party thread.
 */
public final class LongArrayPool {
    private final int maxRetained;
    private final ArrayList<long[]> free = new ArrayList<>();

    public LongArrayPool(int maxRetained) {
        this.maxRetained = maxRetained;
    }

    /** An array of length at least {@code minLength}: the smallest free one that fits, or a new one. */
    public long[] borrow(int minLength) {
        int best = -1;
        for (int i = 0; i < free.size(); i++) {
            long[] a = free.get(i);
            if (a.length >= minLength && (best < 0 || a.length < free.get(best).length)) {
                best = i;
            }
        }
        if (best >= 0) {
            return free.remove(best);
        }
        return new long[minLength];
    }

    /** An array of exactly {@code length}, all zeros: a free one of that length cleared, or a new one. */
    public long[] borrowZeroed(int length) {
        for (int i = free.size() - 1; i >= 0; i--) {
            if (free.get(i).length == length) {
                long[] a = free.remove(i);
                Arrays.fill(a, 0L);
                return a;
            }
        }
        return new long[length];
    }

    public void release(long[] a) {
        if (a == null) {
            return;
        }
        if (free.size() >= maxRetained) {
            // drop the smallest to keep the big, expensive ones
            int smallest = 0;
            for (int i = 1; i < free.size(); i++) {
                if (free.get(i).length < free.get(smallest).length) {
                    smallest = i;
                }
            }
            if (free.get(smallest).length >= a.length) {
                return;
            }
            free.remove(smallest);
        }
        free.add(a);
    }
}
