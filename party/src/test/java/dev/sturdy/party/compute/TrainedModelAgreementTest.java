package dev.sturdy.party.compute;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sturdy.model.Model;
import dev.sturdy.model.approx.SignPolynomials;
import dev.sturdy.model.data.DataSpec;
import dev.sturdy.model.data.Dataset;
import dev.sturdy.model.data.Samples;
import dev.sturdy.model.eval.ActivationMode;
import dev.sturdy.model.eval.PlainEvaluator;
import dev.sturdy.model.TestData;
import dev.sturdy.party.samples.DemoModel;
import dev.sturdy.protocol.eval.SecureEvaluator;
import dev.sturdy.protocol.net.LocalParties;
import dev.sturdy.protocol.prg.Prg;
import dev.sturdy.protocol.prg.Seed;
import dev.sturdy.protocol.ring.FixedPoint;
import dev.sturdy.protocol.ring.RingTensor;
import dev.sturdy.protocol.sharing.AdditiveSharing;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The embedded trained model (Fashion-MNIST small CNN, bound 25) on real Fashion-MNIST test
 * images: the deployed query path ({@link ModelShareFile} weight shares, {@link SecureQuery} for
 * the parties and the dealer) with parties as threads on the in-memory network, against the
 * plaintext evaluator: PANN at B vs the plaintext PANN at B, exact ReLU vs the backbone. The
 * images go in queries of {@value #BATCH} (the dealer's plan, a dry run of the whole query, is made
 * once per batch size). Prints the agreement and the largest logit difference.
 * {@code -Dsturdy.agreement.images=N} changes the number of images (default 100). The rows mix
 * 2 and 3 parties to keep the CI time down; every row passes with either count.
 */
class TrainedModelAgreementTest {
    private static final int IMAGES = Integer.getInteger("sturdy.agreement.images", 100);
    private static final long SAMPLE_SEED = 20261124L;
    private static final int BATCH = 25;

    private static Model model;
    private static Dataset data;
    private static int[] sample;

    @BeforeAll
    static void load() throws Exception {
        model = DemoModel.load();
        assertEquals("smallcnn", model.architecture(), "the embedded trained model is missing");
        data = DataSpec.open("idx:" + TestData.fashionMnist());
        sample = Samples.classBalanced(data, IMAGES, SAMPLE_SEED);
    }

    @ParameterizedTest(name = "{0} parties, B={1} (0: exact ReLU)")
    @CsvSource({"2,8", "3,9", "2,12", "2,0", "3,0"})
    void secureLogitsAgreeWithThePlaintextEvaluator(int parties, int beta) {
        int size = data.imageSize(), batch = sample.length;
        double[] pixels = new double[batch * size];
        for (int b = 0; b < batch; b++) {
            data.readPixels(sample[b], pixels, b * size);
        }
        double[] expected = plainLogits(pixels, beta);
        double[] secure = secureLogits(normalised(pixels), parties, beta);

        int classes = model.classes().size(), agree = 0;
        double worst = 0;
        for (int b = 0; b < batch; b++) {
            agree += argmax(expected, b * classes, classes) == argmax(secure, b * classes, classes) ? 1 : 0;
        }
        for (int i = 0; i < expected.length; i++) {
            worst = Math.max(worst, Math.abs(expected[i] - secure[i]));
        }
        String against = beta == 0 ? "backbone" : "plaintext PANN";
        System.out.printf("trained smallcnn, %d parties, %s: %d/%d images agree with the %s, "
                + "max |logit diff| %.3g%n", parties, beta == 0 ? "exact ReLU" : "B=" + beta, agree, batch, against, worst);
        assertTrue(agree >= Math.ceil(0.995 * batch), agree + "/" + batch + " argmax agree with the " + against);
        // measured on these 100 images over 3 runs: exact ReLU 3.4e-4 to 3.5e-4 (mostly the weights' 16
        // significant bits), PANN 4.2e-4 to 7.9e-4 (plus the polynomial's truncated inputs); the bounds
        // leave a factor 3 above the worst
        assertTrue(worst < (beta == 0 ? 1e-3 : 2.5e-3), "max |logit diff| " + worst);
    }

    private static double[] plainLogits(double[] pixels, int beta) {
        ActivationMode mode = beta == 0 ? ActivationMode.BACKBONE
                : ActivationMode.pann(SignPolynomials.forBeta(beta), model.pann().bound());
        PlainEvaluator pe = new PlainEvaluator(model);
        PlainEvaluator.Workspace ws = pe.newWorkspace();
        int classes = pe.numClasses(), size = data.imageSize();
        double[] logits = new double[sample.length * classes], one = new double[classes];
        for (int b = 0; b < sample.length; b++) {
            pe.logits(pixels, b * size, mode, ws, null, one);
            System.arraycopy(one, 0, logits, b * classes, classes);
        }
        return logits;
    }

    private static double[] normalised(double[] pixels) {
        double[] x = pixels.clone();
        int size = data.imageSize(), plane = data.height() * data.width();
        for (int b = 0; b < sample.length; b++) {
            model.normalization().apply(x, b * size, plane);
        }
        return x;
    }

    /** The client's part (encode, share, reconstruct) around queries of N party threads and the dealer. */
    private static double[] secureLogits(double[] normalised, int parties, int beta) {
        SecureRandom rnd = new SecureRandom();
        ModelShareFile[] files = ModelShareFile.split(model, parties, beta, 0, rnd);
        FixedPoint fp = new FixedPoint(files[0].fractionalBits());
        FixedPoint logitBits = new FixedPoint(files[0].secure().outputBits());
        SecureQuery[] roles = new SecureQuery[parties + 1];
        for (int r = 0; r <= parties; r++) {
            roles[r] = new SecureQuery(files[r], BATCH);
        }
        int size = data.imageSize(), classes = model.classes().size();
        double[] logits = new double[sample.length * classes];
        for (int from = 0; from < sample.length; from += BATCH) {
            int batch = Math.min(BATCH, sample.length - from);
            double[] x = Arrays.copyOfRange(normalised, from * size, (from + batch) * size);
            RingTensor[] inputs = AdditiveSharing.split(fp.encode(x, batch, data.channels(), data.height(), data.width()),
                    parties, new Prg(Seed.random(rnd)));
            long query = rnd.nextLong();
            List<SecureEvaluator.Output> out = LocalParties.run(parties, Duration.ofMinutes(5),
                    net -> roles[net.id()].party(net, query, inputs[net.id()], rnd),
                    net -> roles[parties].dealer(net, query, rnd));
            double[] got = logitBits.decode(AdditiveSharing.reconstruct(out.stream().map(SecureEvaluator.Output::logits)
                    .toArray(RingTensor[]::new)));
            System.arraycopy(got, 0, logits, from * classes, got.length);
        }
        return logits;
    }

    private static int argmax(double[] v, int from, int n) {
        int best = from;
        for (int i = from; i < from + n; i++) {
            if (v[i] > v[best]) {
                best = i;
            }
        }
        return best - from;
    }
}
