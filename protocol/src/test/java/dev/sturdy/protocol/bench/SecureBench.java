package dev.sturdy.protocol.bench;

import dev.sturdy.model.Model;
import dev.sturdy.model.Normalization;
import dev.sturdy.model.PannSettings;
import dev.sturdy.model.approx.SignPolynomials;
import dev.sturdy.model.io.TensorArchives;
import dev.sturdy.model.zoo.ModelImporter;
import dev.sturdy.protocol.cost.CostReport;
import dev.sturdy.protocol.dealer.CorrelationRequest;
import dev.sturdy.protocol.dealer.Dealer;
import dev.sturdy.protocol.dealer.PartyCorrelations;
import dev.sturdy.protocol.eval.SecureActivation;
import dev.sturdy.protocol.eval.SecureRun;
import dev.sturdy.protocol.net.LocalParties;
import dev.sturdy.protocol.ops.CorrelationPlanner;
import dev.sturdy.protocol.ops.ExactRelu;
import dev.sturdy.protocol.ops.SecureAppRelu;
import dev.sturdy.protocol.ops.SecureOps;
import dev.sturdy.protocol.ops.Session;
import dev.sturdy.protocol.ops.TruncationMode;
import dev.sturdy.protocol.prg.Seeds;
import dev.sturdy.protocol.ring.FixedPoint;
import dev.sturdy.protocol.ring.RingTensor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;

/**
 * Secure activation and network numbers for the notes (not a test): AppReLU per B and exact ReLU
 * on 100,000 elements, ResNet-20 (published weights, random pixels) for 1 and 16 images, 2
 * in-memory parties with the dealer running concurrently. Best of a few runs after a warm-up;
 * prints sizes, times and traffic, never values. Run (after test-compile):
 * java -Xmx4g -cp protocol/target/classes:protocol/target/test-classes:model/target/classes
 * dev.sturdy.protocol.bench.SecureBench [shared-folder [activations]]
 */
public final class SecureBench {
    private static final int N = 100_000;

    private SecureBench() {
    }

    private record Measured(double millis, CostReport report, long dealerBytes) {
    }

    public static void main(String[] args) throws Exception {
        // JIT warm-up of the plan, Beaver and truncation paths before the table
        SecureAppRelu warm = new SecureAppRelu(SignPolynomials.forBeta(12), 50);
        best(2, 24, ops -> warm.apply(ops, RingTensor.zeros(N), TruncationMode.DEALER));
        System.out.println("AppReLU, 100,000 elements, 2 parties (time includes the dealer thread)");
        System.out.printf("%-3s %-3s %-7s %7s %10s %8s %14s %14s%n", "B", "f", "trunc", "rounds", "ms", "Melem/s",
                "sent B/party", "dealer B");
        for (int beta = 6; beta <= 14; beta++) {
            if (beta <= 10) {
                appRelu(beta, 16, TruncationMode.LOCAL);
            }
            appRelu(beta, beta <= 10 ? 20 : 24, TruncationMode.DEALER);
        }
        for (int parties = 2; parties <= 3; parties++) {
            Measured m = best(parties, 16, ops -> ExactRelu.relu(ops, RingTensor.zeros(N)));
            System.out.printf("exact ReLU, 100,000 elements, %d parties: %.0f ms, %d rounds, %d B sent per party, "
                    + "dealer %d B%n", parties, m.millis, m.report.total().rounds(), m.report.total().bytesSent(),
                    m.dealerBytes);
        }
        if (args.length > 1 && args[1].equals("activations")) {
            return;
        }
        Path shared = Path.of(args.length > 0 ? args[0] : "../shared");
        Path weights = shared.resolve("models/resnet20-lee2022b.npz");
        if (!Files.exists(weights)) {
            System.out.println("no " + weights + ": ResNet-20 skipped");
            return;
        }
        Model model = ModelImporter.importStateDict("resnet20", TensorArchives.read(weights), List.of(),
                new Normalization(new double[] {0.485, 0.456, 0.406}, new double[] {0.229, 0.224, 0.225}),
                new PannSettings(50, 0), Map.of());
        System.out.println("ResNet-20, 2 parties (wall time incl. dealer; bytes per party sent)");
        resnet(model, SecureActivation.pann(SignPolynomials.forBeta(9), 50, TruncationMode.LOCAL), 16);
        resnet(model, SecureActivation.pann(SignPolynomials.forBeta(9), 50, TruncationMode.DEALER), 20);
        resnet(model, SecureActivation.pann(SignPolynomials.forBeta(12), 50, TruncationMode.DEALER), 24);
        resnet(model, SecureActivation.exact(), 20);
    }

    private static void appRelu(int beta, int f, TruncationMode mode) {
        SecureAppRelu relu = new SecureAppRelu(SignPolynomials.forBeta(beta), 50);
        Measured m = best(2, f, ops -> relu.apply(ops, RingTensor.zeros(N), mode));
        System.out.printf("%-3d %-3d %-7s %7d %10.0f %8.2f %14d %14d%n", beta, f, mode.name().toLowerCase(),
                m.report.total().rounds(), m.millis, N / m.millis / 1e3, m.report.total().bytesSent(), m.dealerBytes);
    }

    private static void resnet(Model model, SecureActivation act, int f) {
        for (int batch : new int[] {1, 16}) {
            double[] x = new double[batch * model.graph().input().size()];
            Random r = new Random(1);
            for (int i = 0; i < x.length; i++) {
                x[i] = r.nextGaussian();
            }
            SecureRun.Result res = SecureRun.run(model, act, 2, f, x, batch);
            CostReport.Entry t = res.party0().total();
            System.out.printf("  %-40s f=%d batch %2d: %6.2f s, %4d rounds, %,d B sent per party, dealer %,d B%n",
                    act.label(), f, batch, res.seconds(), t.rounds(), t.bytesSent(), res.dealerBytes());
        }
    }

    private static Measured best(int parties, int f, Consumer<SecureOps> program) {
        FixedPoint fp = new FixedPoint(f);
        TruncationMode sessionMode = TruncationMode.DEALER;
        List<CorrelationRequest> plan = CorrelationPlanner.plan(parties, fp, sessionMode, program);
        Measured best = null;
        for (int run = 0; run < 4; run++) {
            Seeds[] seeds = Seeds.local(parties, new SecureRandom());
            long[] dealerBytes = new long[1];
            List<Measured> out = LocalParties.run(parties, Duration.ofMinutes(5), net -> {
                Session s = new Session(net, parties, new PartyCorrelations(net, seeds[net.id()].dealerSeed()), fp,
                        sessionMode);
                s.beginQuery(1);
                long t0 = System.nanoTime();
                program.accept(new SecureOps(s));
                return new Measured((System.nanoTime() - t0) / 1e6, s.cost().report(), 0);
            }, net -> {
                net.beginQuery(1);
                new Dealer(net, seeds[parties]).serveAll(plan);
                dealerBytes[0] = net.stats().totalBytesSent();
            });
            Measured m = new Measured(out.get(0).millis, out.get(0).report, dealerBytes[0]);
            if (run > 0 && (best == null || m.millis < best.millis)) {
                best = m;
            }
        }
        return best;
    }
}
