package dev.sturdy.protocol.correlation;

import dev.sturdy.protocol.prg.Prg;
import dev.sturdy.protocol.ring.BitPacker;
import dev.sturdy.protocol.ring.Wide;

/**
 * How a party's share of a part comes from its PRG, and how a correction is packed: the
 * one definition the parties and the dealer (who replays every party's PRG) both use, so the two
 * sides cannot drift apart.
 */
final class Derivation {
    private Derivation() {
    }

    /** Fills lo (and hi for a wide part) with the party's PRG output; low zeroLow bits cleared. */
    static void fill(Prg prg, Part part, long[] lo, long[] hi) {
        int n = part.count();
        if (part.wide()) {
            // two PRG words per value: the first n words are the low halves, the next n the high halves
            prg.fill(lo, 0, n);
            prg.fill(hi, 0, n);
        } else {
            prg.fill(lo, 0, n);
        }
        int z = part.zeroLow();
        if (z > 0) {
            long keepLo = z >= 64 ? 0L : -1L << z;
            for (int i = 0; i < n; i++) {
                lo[i] &= keepLo;
            }
            if (z > 64) {
                long keepHi = -1L << (z - 64);
                for (int i = 0; i < n; i++) {
                    hi[i] &= keepHi;
                }
            }
        }
    }

    /** Words of the correction message for these parts. */
    static int words(Correlation c) {
        return (int) ((c.correctionBits() + 63) >>> 6);
    }

    /** Writes value - others (XOR for bit parts) of every DEALT part, bits [zeroLow, ring) each. */
    static void packCorrection(Correlation c, Values value, Values others, long[] out) {
        BitPacker.Writer w = new BitPacker.Writer(out, 0);
        for (int p = 0; p < c.parts().size(); p++) {
            Part part = c.parts().get(p);
            if (!part.dealt()) {
                continue;
            }
            long[] vLo = value.lo[p];
            long[] oLo = others.lo[p];
            if (part.xor()) {
                for (int i = 0; i < part.count(); i++) {
                    w.write64(vLo[i] ^ oLo[i], 64);
                }
            } else if (part.wide()) {
                long[] vHi = value.hi(p);
                long[] oHi = others.hi(p);
                for (int i = 0; i < part.count(); i++) {
                    long lo = vLo[i] - oLo[i];
                    long hi = vHi[i] - oHi[i] - (Long.compareUnsigned(vLo[i], oLo[i]) < 0 ? 1 : 0);
                    w.write(lo, hi, part.zeroLow(), part.correctionBits());
                }
            } else {
                for (int i = 0; i < part.count(); i++) {
                    w.write(vLo[i] - oLo[i], 0, part.zeroLow(), part.correctionBits());
                }
            }
        }
    }

    /** Party 0's shares of the DEALT parts from the packed correction. */
    static void unpackCorrection(Correlation c, long[] in, Values into) {
        BitPacker.Reader r = new BitPacker.Reader(in, 0);
        for (int p = 0; p < c.parts().size(); p++) {
            Part part = c.parts().get(p);
            if (!part.dealt()) {
                continue;
            }
            long[] lo = into.lo[p];
            int z = part.zeroLow();
            int bits = part.correctionBits();
            if (part.xor()) {
                for (int i = 0; i < part.count(); i++) {
                    lo[i] = r.read64(64);
                }
            } else if (part.wide()) {
                long[] hi = into.hi[p];
                for (int i = 0; i < part.count(); i++) {
                    long vLo = r.read64(Math.min(64, bits));
                    long vHi = bits > 64 ? r.read64(bits - 64) : 0L;
                    lo[i] = Wide.shlLo(vLo, z);
                    hi[i] = Wide.shlHi(vLo, vHi, z);
                }
            } else {
                for (int i = 0; i < part.count(); i++) {
                    lo[i] = r.read64(bits) << z;
                }
            }
        }
    }
}
