package dev.sturdy.party.compute;

import dev.sturdy.protocol.prg.Prg;
import dev.sturdy.protocol.prg.Seed;
import dev.sturdy.protocol.ring.FixedPoint;
import dev.sturdy.protocol.ring.RingTensor;
import dev.sturdy.protocol.sharing.AdditiveSharing;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * One party's share of a linear classifier y = x W + b (W stored as inputs x classes, fixed point
 * with f bits): the stand-in model the processes serve until the secure graph evaluator is
 * merged. File: magic, version, party, parties, f, rank and input shape per sample, classes,
 * then the shares of W and b as big-endian longs.
 */
public record LinearModelShare(int party, int parties, int fractionalBits, int[] inputShape, int classes,
                               RingTensor weights, RingTensor bias) {
    private static final int MAGIC = 0x534C494E; // "SLIN"
    private static final int VERSION = 1;

    public int inputs() {
        return weights.dim(0);
    }

    /** Splits a plaintext model into one share per party with a cryptographic PRG. */
    public static LinearModelShare[] split(double[][] w, double[] b, int[] inputShape, int fractionalBits, int parties,
                                           SecureRandom rnd) {
        int in = w.length;
        int classes = b.length;
        if (Arrays.stream(inputShape).reduce(1, (x, y) -> x * y) != in) {
            throw new IllegalArgumentException("input shape " + Arrays.toString(inputShape) + " does not have " + in
                    + " elements");
        }
        FixedPoint fp = new FixedPoint(fractionalBits);
        long[] wEnc = new long[in * classes];
        for (int i = 0; i < in; i++) {
            for (int c = 0; c < classes; c++) {
                wEnc[i * classes + c] = fp.encode(w[i][c]);
            }
        }
        Prg prg = new Prg(Seed.random(rnd));
        RingTensor[] ws = AdditiveSharing.split(new RingTensor(wEnc, in, classes), parties, prg);
        RingTensor[] bs = AdditiveSharing.split(new RingTensor(fp.encode(b), classes), parties, prg);
        LinearModelShare[] out = new LinearModelShare[parties];
        for (int p = 0; p < parties; p++) {
            out[p] = new LinearModelShare(p, parties, fractionalBits, inputShape.clone(), classes, ws[p], bs[p]);
        }
        return out;
    }

    public void save(Path file) throws IOException {
        try (OutputStream os = Files.newOutputStream(file);
             DataOutputStream out = new DataOutputStream(new java.io.BufferedOutputStream(os))) {
            out.writeInt(MAGIC);
            out.writeInt(VERSION);
            out.writeInt(party);
            out.writeInt(parties);
            out.writeInt(fractionalBits);
            out.writeInt(inputShape.length);
            for (int d : inputShape) {
                out.writeInt(d);
            }
            out.writeInt(classes);
            for (long v : weights.data()) {
                out.writeLong(v);
            }
            for (long v : bias.data()) {
                out.writeLong(v);
            }
        }
    }

    public static LinearModelShare load(Path file) throws IOException {
        try (InputStream is = Files.newInputStream(file);
             DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(is))) {
            if (in.readInt() != MAGIC || in.readInt() != VERSION) {
                throw new IOException(file + ": not a Sturdy linear model share (version " + VERSION + ")");
            }
            int party = in.readInt(), parties = in.readInt(), f = in.readInt(), rank = in.readInt();
            if (rank < 1 || rank > 4) {
                throw new IOException(file + ": bad input rank " + rank);
            }
            int[] shape = new int[rank];
            long inputs = 1;
            for (int i = 0; i < rank; i++) {
                shape[i] = in.readInt();
                inputs *= shape[i];
            }
            int classes = in.readInt();
            if (inputs <= 0 || classes <= 0 || inputs * classes > (1 << 28)) {
                throw new IOException(file + ": bad sizes " + Arrays.toString(shape) + " x " + classes);
            }
            long[] w = new long[(int) inputs * classes];
            for (int i = 0; i < w.length; i++) {
                w[i] = in.readLong();
            }
            long[] b = new long[classes];
            for (int i = 0; i < classes; i++) {
                b[i] = in.readLong();
            }
            return new LinearModelShare(party, parties, f, shape, classes, new RingTensor(w, (int) inputs, classes),
                    new RingTensor(b, classes));
        } catch (java.io.EOFException e) {
            throw new IOException(file + ": truncated model share", e);
        }
    }


    @Override
    public String toString() {
        return "LinearModelShare[party " + party + " of " + parties + ", " + Arrays.toString(inputShape) + " -> "
                + classes + "]"; // never the values
    }
}
