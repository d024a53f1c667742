package dev.sturdy.deploy.cli;

import dev.sturdy.model.fixed.FixedPointPolicy;
import dev.sturdy.deploy.LocalDeployment;
import dev.sturdy.model.Model;
import dev.sturdy.model.json.Json;
import dev.sturdy.party.cli.PrintingCommand;
import dev.sturdy.party.cli.QueryCommand;
import dev.sturdy.party.client.PlainReference;
import dev.sturdy.party.client.SturdyClient;
import dev.sturdy.party.samples.DemoImages;
import dev.sturdy.party.samples.DemoModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code sturdy demo}: a complete secure inference on this machine. Writes a deployment of the
 * demo model (certificates, configs, shares), starts every role as its own process over TLS,
 * classifies the sample images through gRPC, compares each with the plaintext PANN, and stops
 * every process.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Secure inference of the demo model on sample images, every role its own process over TLS: "
                + "per image the class from the secure run and from the plaintext PANN, and the cost.")
public final class DemoCommand extends PrintingCommand {
    @Option(names = "--parties", defaultValue = "2", description = "Compute parties: 2 or 3 (default: ${DEFAULT-VALUE}).")
    private int parties;

    @Option(names = "--beta", defaultValue = "9", description = "Precision B (default: ${DEFAULT-VALUE}).")
    private int beta;

    @Option(names = "--images", defaultValue = "8", description = "Sample images (default: ${DEFAULT-VALUE}).")
    private int images;

    @Option(names = "--json", description = "Print one JSON document.")
    private boolean json;

    @Option(names = "--dataset", defaultValue = "fashion-mnist", description = "fashion-mnist: the embedded small CNN on "
            + "Fashion-MNIST images; cifar10: the shipped sturdy ResNet-20 on embedded CIFAR-10 test images, one per class "
            + "(default: ${DEFAULT-VALUE}).")
    private String dataset;

    @Override
    public Integer call() throws Exception {
        if (parties < 2 || parties > 3) {
            throw new IllegalArgumentException("--parties must be 2 or 3, not " + parties);
        }
        if (images < 1 || images > 100) {
            throw new IllegalArgumentException("--images must be in 1..100, not " + images);
        }
        Model model = switch (dataset) {
            case "fashion-mnist" -> DemoModel.load();
            case "cifar10" -> DemoModel.cifar10();
            default -> throw new IllegalArgumentException("--dataset must be fashion-mnist or cifar10, not " + dataset);
        };
        DemoImages samples = DemoImages.load(model.graph().input(), images);
        boolean untrained = model.name().equals(DemoModel.UNTRAINED);
        progress("model " + model.name() + (untrained ? " (UNTRAINED demonstration model: fixed-seed random weights)" : "")
                + "; " + samples.count() + " " + samples.source());
        PlainReference plain = new PlainReference(model, beta);
        int fractionBits = FixedPointPolicy.activationBitsFor(beta);
        int size = model.graph().input().size(), classes = model.numClasses();
        Path dir = Files.createTempDirectory("sturdy-demo-");
        List<Map<String, Object>> rows = new ArrayList<>();
        double startup;
        try (LocalDeployment d = LocalDeployment.start(dir, model, parties, beta, fractionBits, Duration.ofSeconds(30),
                DemoCommand::progress);
             SturdyClient client = new SturdyClient(d.parties(), d.client(), Duration.ofSeconds(120))) {
            startup = d.startSeconds();
            for (int i = 0; i < samples.count(); i++) {
                double[] px = Arrays.copyOfRange(samples.pixels(), i * size, (i + 1) * size);
                Map<String, Object> secure = QueryCommand.classify(client, px);
                int plainClass = PlainReference.argmax(plain.logits(client.normalise(px, 1), 1), 0, classes);
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("image", i);
                row.put("label", samples.labels()[i]);
                row.put("secureClass", secure.get("class"));
                row.put("plainClass", plainClass);
                row.put("agree", secure.get("class").equals(plainClass));
                row.put("className", secure.get("className"));
                row.put("seconds", secure.get("seconds"));
                row.put("parties", secure.get("parties"));
                row.put("dealerBytesSent", ((List<?>) secure.get("parties")).stream()
                        .mapToLong(c -> (Long) ((Map<?, ?>) c).get("bytesFromDealer")).sum());
                rows.add(row);
                if (!json) {
                    printRow(row);
                }
            }
        }
        long agree = rows.stream().filter(r -> (Boolean) r.get("agree")).count();
        if (agree == rows.size()) {
            deleteTree(dir); // keys and shares; kept with the role logs when something differs
        } else {
            progress("deployment and role logs kept in " + dir);
        }
        if (json) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("model", model.name());
            doc.put("untrained", untrained);
            doc.put("images", samples.source());
            doc.put("parties", parties);
            doc.put("beta", beta);
            doc.put("fractionBits", fractionBits);
            doc.put("startupSeconds", startup);
            doc.put("agree", agree);
            doc.put("results", rows);
            out().println(Json.pretty(doc));
        } else {
            out().printf("%d/%d images: the secure run agrees with the plaintext PANN (B=%d); roles started in %.1f s%n",
                    agree, rows.size(), beta, startup);
        }
        return agree == rows.size() ? 0 : 1;
    }

    private void printRow(Map<String, Object> row) {
        StringBuilder cost = new StringBuilder();
        for (Object o : (List<?>) row.get("parties")) {
            Map<?, ?> c = (Map<?, ?>) o;
            cost.append(String.format(" | party %s: %s rounds, %,d B sent", c.get("party"), c.get("rounds"),
                    (Long) c.get("bytesSent")));
        }
        cost.append(String.format(" | dealer: %,d B sent", (Long) row.get("dealerBytesSent")));
        int label = (Integer) row.get("label");
        out().printf("image %s%s: secure %s (%s), plaintext %s, %s, %.2f s%s%n", row.get("image"),
                label < 0 ? "" : " (label " + label + ")", row.get("secureClass"), row.get("className"),
                row.get("plainClass"), (Boolean) row.get("agree") ? "agree" : "DIFFER", row.get("seconds"), cost);
        out().flush();
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static void progress(String s) {
        System.err.println("sturdy demo: " + s);
    }
}
