package dev.sturdy.bench;

import dev.sturdy.protocol.prg.Prg;
import dev.sturdy.protocol.prg.Seed;
import dev.sturdy.protocol.ring.Conv2dGeometry;
import dev.sturdy.protocol.ring.RingOps;
import java.security.SecureRandom;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Local ring arithmetic over Z_2^64 (what every party does after an opening): square GEMM of
 * n x n by n x n, and a 3x3 convolution of a batch of 8 C x 32 x 32 inputs to C channels by
 * im2col. Secondary result ":multiplyAdds" = ring multiply-adds per second (GEMM n^3).
 */
public class RingBench extends ShortRun {
    private static final int CONV_BATCH = 8, CONV_SIDE = 32;

    /** n x n times n x n. */
    @State(Scope.Benchmark)
    public static class Gemm {
        @Param({"128", "256"})
        public int n;

        long[] a, b, c;

        @Setup
        public void setup() {
            Prg prg = new Prg(Seed.random(new SecureRandom()));
            a = prg.next(n * n);
            b = prg.next(n * n);
            c = new long[n * n];
        }
    }

    /** 3x3, stride 1, padding 1, C to C channels, batch 8 of 32 x 32. */
    @State(Scope.Benchmark)
    public static class Conv {
        @Param({"16"})
        public int channels;

        Conv2dGeometry geometry;
        long[] weights, input, output, col;

        @Setup
        public void setup() {
            Prg prg = new Prg(Seed.random(new SecureRandom()));
            geometry = new Conv2dGeometry(channels, CONV_SIDE, CONV_SIDE, channels, 3, 1, 1);
            weights = prg.next(geometry.weightSize());
            input = prg.next(CONV_BATCH * geometry.inputSizePerSample());
            output = new long[CONV_BATCH * geometry.outputSizePerSample()];
            col = new long[RingOps.colBufferSize(geometry)];
        }
    }

    @Benchmark
    public long[] gemm(Gemm s, MultiplyAdds work) {
        RingOps.matmul(s.a, 0, s.b, 0, s.c, 0, s.n, s.n, s.n, false);
        work.multiplyAdds += (long) s.n * s.n * s.n;
        return s.c;
    }

    @Benchmark
    public long[] conv3x3(Conv s, MultiplyAdds work) {
        Conv2dGeometry g = s.geometry;
        RingOps.conv2d(s.weights, s.input, CONV_BATCH, g, s.output, false, s.col);
        work.multiplyAdds += (long) CONV_BATCH * g.outputSizePerSample() * g.inChannels() * 9;
        return s.output;
    }
}
