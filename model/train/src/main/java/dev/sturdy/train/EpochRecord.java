package dev.sturdy.train;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * What one epoch produced: mean training loss and accuracy (against the dominant label under
 * Mixup), speed, and where tracked the test-subset accuracy of the backbone and of the PANN at
 * each tracked B, with the largest activation input seen (NaN where not measured).
 */
public record EpochRecord(int epoch, double learningRate, double loss, double trainAccuracy, double seconds,
                          double imagesPerSecond, double backbone, double[] pann, double maxAbs) {

    public EpochRecord {
        pann = pann.clone();
    }

    void write(DataOutputStream out) throws IOException {
        out.writeInt(epoch);
        for (double d : new double[] {learningRate, loss, trainAccuracy, seconds, imagesPerSecond, backbone, maxAbs}) {
            out.writeDouble(d);
        }
        out.writeInt(pann.length);
        for (double d : pann) {
            out.writeDouble(d);
        }
    }

    static EpochRecord read(DataInputStream in) throws IOException {
        int epoch = in.readInt();
        double[] v = new double[7];
        for (int i = 0; i < v.length; i++) {
            v[i] = in.readDouble();
        }
        double[] pann = new double[in.readInt()];
        for (int i = 0; i < pann.length; i++) {
            pann[i] = in.readDouble();
        }
        return new EpochRecord(epoch, v[0], v[1], v[2], v[3], v[4], v[5], pann, v[6]);
    }
}
