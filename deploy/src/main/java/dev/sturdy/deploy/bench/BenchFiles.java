package dev.sturdy.deploy.bench;

import dev.sturdy.protocol.ring.RingTensor;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Share files between the bench launcher and the role processes, in a role's directory: the input
 * share of a batch ({@code input-bN.share}) and a job's output share ({@code out/job-J.share}),
 * as big-endian ring elements. They hold shares, so they stay in the bench directory, which the
 * launcher deletes.
 */
final class BenchFiles {
    private BenchFiles() {
    }

    static Path input(Path roleDir, int batch) {
        return roleDir.resolve("input-b" + batch + ".share");
    }

    static Path output(Path roleDir, int job) {
        return roleDir.resolve("out").resolve("job-" + job + ".share");
    }

    static void write(Path file, long[] values) throws IOException {
        Files.createDirectories(file.getParent());
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file)))) {
            for (long v : values) {
                out.writeLong(v);
            }
        }
    }

    static long[] read(Path file, int n) throws IOException {
        long size = Files.size(file);
        if (size != 8L * n) {
            throw new IOException(file + " holds " + size + " bytes, expected " + 8L * n);
        }
        long[] v = new long[n];
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            for (int i = 0; i < n; i++) {
                v[i] = in.readLong();
            }
        }
        return v;
    }

    /** A party's share of a normalised batch [batch, C, H, W]. */
    static RingTensor readInput(Path roleDir, int batch, List<Integer> chw) throws IOException {
        int c = chw.get(0), h = chw.get(1), w = chw.get(2);
        return new RingTensor(read(input(roleDir, batch), batch * c * h * w), batch, c, h, w);
    }

    static void writeOutput(Path roleDir, int job, RingTensor logits) throws IOException {
        write(output(roleDir, job), logits.data());
    }
}
