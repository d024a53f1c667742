package dev.sturdy.protocol.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sturdy.model.Model;
import dev.sturdy.model.Normalization;
import dev.sturdy.model.PannSettings;
import dev.sturdy.model.eval.ActivationMode;
import dev.sturdy.model.graph.Add;
import dev.sturdy.model.graph.AvgPool;
import dev.sturdy.model.graph.BatchNorm;
import dev.sturdy.model.graph.Conv2d;
import dev.sturdy.model.graph.Flatten;
import dev.sturdy.model.graph.Graph;
import dev.sturdy.model.graph.Linear;
import dev.sturdy.model.graph.MaxPool;
import dev.sturdy.model.graph.Relu;
import dev.sturdy.model.graph.Shape;
import dev.sturdy.model.graph.ShortcutPad;
import dev.sturdy.model.lower.LoweredGraph;
import dev.sturdy.model.fixed.FixedPointPolicy;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A small CNN with random weights and every layer kind: secure logits vs the plaintext evaluator,
 * and the rounds of every layer vs the protocol's definition.
 */
class SmallCnnTest {
    static final int BATCH = 4;

    /**
     * 3x12x12 input: batch norm on the input (standalone), conv3x3(8)+bias, ReLU, strided conv with
     * batch norm (folded) plus the option-A shortcut, ReLU, 2x2 max-pool, 3x3 max-pool, global
     * average pool, flatten, linear(5).
     */
    static Model model(long seed) {
        Random r = new Random(seed);
        Graph g = Graph.builder(new Shape(3, 12, 12))
                .then("bn0", batchNorm(r, 3))
                .then("conv1", new Conv2d(8, 3, 3, 1, 1, gaussian(r, 8 * 3 * 9, 0.4), gaussian(r, 8, 0.2)))
                .then("relu1", new Relu())
                .then("conv2", new Conv2d(16, 8, 3, 2, 1, gaussian(r, 16 * 8 * 9, 0.25), null))
                .then("bn2", batchNorm(r, 16))
                .add("shortcut", new ShortcutPad(2, 4, 4), "relu1")
                .add("add", new Add(), "bn2", "shortcut")
                .then("relu2", new Relu())
                .then("maxpool", new MaxPool(2, 2))
                .then("maxpool3", new MaxPool(3, 1))
                .then("avgpool", AvgPool.global())
                .then("flatten", new Flatten())
                .then("linear", new Linear(5, 16, gaussian(r, 80, 0.5), gaussian(r, 5, 0.1)))
                .build();
        return new Model("small-cnn", "test", g, List.of("a", "b", "c", "d", "e"),
                new Normalization(new double[] {0.5, 0.4, 0.3}, new double[] {0.25, 0.2, 0.3}), new PannSettings(50, 0),
                Map.of());
    }

    static double[] normalisedInputs(Model m, int batch, long seed) {
        Random r = new Random(seed);
        int size = m.graph().input().size();
        double[] x = new double[batch * size];
        for (int i = 0; i < x.length; i++) {
            x[i] = r.nextDouble();
        }
        for (int b = 0; b < batch; b++) {
            m.normalization().apply(x, b * size, m.graph().input().height() * m.graph().input().width());
        }
        return x;
    }

    @ParameterizedTest(name = "{0} parties, B={1}")
    @CsvSource({"2,8", "3,9", "2,12", "2,0", "3,0"})
    void secureLogitsMatchThePlaintextEvaluator(int parties, int beta) {
        Model m = model(7);
        double[] x = normalisedInputs(m, BATCH, 11);
        ActivationMode mode = SecureRun.plainMode(m, beta);
        SecureActivation act = SecureRun.activation(beta);
        double[] expected = SecureRun.plain(m, mode, x, BATCH);
        SecureRun.Result r = SecureRun.run(m, act, parties, x, BATCH);
        double worst = 0;
        for (int i = 0; i < expected.length; i++) {
            worst = Math.max(worst, Math.abs(expected[i] - r.logits()[i]));
        }
        System.out.printf("small CNN, %d parties, %s: max |logit diff| %.3g, %d rounds, %d bytes sent per party, dealer %d bytes%n",
                parties, act.label(), worst, r.party0().total().rounds(), r.party0().total().bytesSent(), r.dealerBytes());
        // measured: 1e-3 to 3e-3 (random weights of scale 0.2-0.5 give logits of a few units)
        assertTrue(worst < 0.02, "max logit difference " + worst);
        assertRoundsPerLayer(LoweredGraph.of(m.graph()), act, r);
        for (int b = 0; b < BATCH; b++) {
            assertEquals(SecureRun.argmax(expected, b * 5, 5), SecureRun.argmax(r.logits(), b * 5, 5));
        }
    }

    /**
     * The dealer's side computed before the query starts (seeds it drew, every correction held)
     * serves the same query: the logits agree with the plaintext evaluator, with the bytes and
     * rounds of a live dealer.
     */
    @ParameterizedTest(name = "{0} parties, B={1}")
    @CsvSource({"2,9", "3,8", "2,0"})
    void aQueryPreparedAheadByTheDealerMatchesThePlaintextEvaluator(int parties, int beta) {
        Model m = model(7);
        double[] x = normalisedInputs(m, BATCH, 13);
        ActivationMode mode = SecureRun.plainMode(m, beta);
        SecureActivation act = SecureRun.activation(beta);
        double[] expected = SecureRun.plain(m, mode, x, BATCH);
        SecureRun.Result prepared = SecureRun.run(m, act, FixedPointPolicy.DEFAULT, parties, x, BATCH, (p, c, v) -> { },
                true);
        SecureRun.Result live = SecureRun.run(m, act, parties, x, BATCH);
        for (int i = 0; i < expected.length; i++) {
            assertTrue(Math.abs(expected[i] - prepared.logits()[i]) < 0.02, "logit " + i);
        }
        // the prepared dealer also sends each party its seed (16 bytes), which the harness's live run makes locally
        assertEquals(live.dealerBytes() + 16L * parties, prepared.dealerBytes());
        assertEquals(live.party0().total().rounds(), prepared.party0().total().rounds());
    }

    /**
     * Each layer's rounds from the protocol's definition: a weighted layer or the average pool one
     * round when its input is not yet a wire (the image, an activation's, addition's or max-pool's
     * output), none when it is (a weighted layer is local on a wire); a ReLU its activation's
     * rounds; a k x k max-pool ceil(log2 k^2) levels of maxima, each AppReLU's rounds (PANN) or a
 * comparison's on ring - 2 bits (exact);
     * shortcut, addition and flatten none.
     */
    private static void assertRoundsPerLayer(LoweredGraph g, SecureActivation act, SecureRun.Result r) {
        SecureModel secure = r.split().model();
        boolean[] wire = new boolean[g.layers().size()];
        boolean inputWire = false;
        long total = 0;
        for (int i = 0; i < g.layers().size(); i++) {
            LoweredGraph.Layer l = g.layers().get(i);
            int src = l.inputs()[0];
            long expected = 0;
            switch (l.kind()) {
                case CONV, LINEAR, AFFINE, AVG_POOL -> {
                    boolean isWire = src == Graph.INPUT ? inputWire : wire[src];
                    // a weighted layer's raw output lacks the ring above its shift: truncated first, a round more
                    boolean raw = src != Graph.INPUT && g.layers().get(src).hasWeights();
                    expected = isWire ? 0 : raw ? 2 : 1;
                    if (src == Graph.INPUT) {
                        inputWire = true;
                    } else {
                        wire[src] = true;
                    }
                    wire[i] = l.kind() == LoweredGraph.Kind.AVG_POOL;
                }
                case RELU -> expected = act.reluRounds(secure);
                case MAX_POOL -> {
                    int levels = 32 - Integer.numberOfLeadingZeros(l.kernel() * l.kernel() - 1);
                    // exact: ReLU of a difference at the activations' scale, compared on ring - 2 bits
                    int bits = secure.linearRing() - 2;
                    expected = (long) levels * (act instanceof SecureActivation.Pann ? act.reluRounds(secure)
                            : 2 + 32 - Integer.numberOfLeadingZeros(bits - 1));
                }
                case FLATTEN -> wire[i] = wire[src];
                default -> expected = 0;
            }
            assertEquals(expected, r.party0().entry(l.name()).rounds(), l.name() + " (" + l.kind() + ") rounds");
            total += expected;
        }
        assertEquals(total, r.party0().total().rounds(), "rounds of the query");
    }

    static BatchNorm batchNorm(Random r, int c) {
        float[] g = new float[c], b = new float[c], m = new float[c], v = new float[c];
        for (int i = 0; i < c; i++) {
            g[i] = (float) (0.5 + r.nextDouble());
            b[i] = (float) (0.2 * r.nextGaussian());
            m[i] = (float) (0.3 * r.nextGaussian());
            v[i] = (float) (0.5 + r.nextDouble());
        }
        return new BatchNorm(g, b, m, v, 1e-5);
    }

    static float[] gaussian(Random r, int n, double std) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) (std * r.nextGaussian());
        }
        return a;
    }
}
