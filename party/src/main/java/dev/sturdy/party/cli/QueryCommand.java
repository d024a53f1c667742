package dev.sturdy.party.cli;

import dev.sturdy.model.data.DataSpec;
import dev.sturdy.model.data.Dataset;
import dev.sturdy.model.data.Samples;
import dev.sturdy.model.file.ModelFiles;
import dev.sturdy.model.json.Json;
import dev.sturdy.net.tls.TlsCredentials;
import dev.sturdy.party.api.Cost;
import dev.sturdy.party.client.ImageInput;
import dev.sturdy.party.client.PlainReference;
import dev.sturdy.party.client.SturdyClient;
import dev.sturdy.party.config.RoleConfig;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code sturdy query}: secure inference of images on a running deployment, one query per image. */
@Command(name = "query", mixinStandardHelpOptions = true,
        description = "Classify images by secure inference: normalise with the deployed model's normalisation, "
                + "split into shares, query every compute party over TLS gRPC, add the output shares.")
public final class QueryCommand extends PrintingCommand {
    @Option(names = "--parties", required = true, split = ",", description = "host:port of every compute party, in id order.")
    private List<String> parties;

    @Option(names = "--client-dir", required = true, description = "Directory with the client's cert.pem, key.pem, ca.pem.")
    private Path clientDir;

    static final class Source {
        @Option(names = "--image", description = "Image file(s) of the model's input size.", split = ",")
        List<Path> images;

        @Option(names = "--data", description = "Data set spec (KIND:PATH, as in 'sturdy eval').")
        String data;
    }

    @ArgGroup(multiplicity = "1")
    private Source source;

    @Option(names = "--limit", defaultValue = "8", description = "Images of --data, class-balanced (default: ${DEFAULT-VALUE}).")
    private int limit;

    @Option(names = "--timeout", defaultValue = "60", description = "Seconds per query (default: ${DEFAULT-VALUE}).")
    private int timeout;

    @Option(names = "--json", description = "Print one JSON document with logits, timing and the parties' costs.")
    private boolean json;

    @Option(names = "--check-plain", paramLabel = "MODEL", description = "The model file the shares were made from "
            + "(the model owner's check of a deployment): also classify each image with the plaintext PANN at the "
            + "deployment's precision B, report agreement, exit 1 if any class differs.")
    private Path checkPlain;

    @Override
    public Integer call() throws Exception {
        List<InetSocketAddress> addresses = new ArrayList<>();
        for (String p : parties) {
            addresses.add(RoleConfig.address(p.trim(), "--parties"));
        }
        TlsCredentials tls = TlsCredentials.load(clientDir.resolve("cert.pem"), clientDir.resolve("key.pem"),
                clientDir.resolve("ca.pem"));
        List<Map<String, Object>> rows = new ArrayList<>();
        int differing = 0;
        try (SturdyClient client = new SturdyClient(addresses, tls, Duration.ofSeconds(timeout))) {
            List<Integer> shape = client.modelInfo().getInputShapeList();
            List<String> names = new ArrayList<>();
            List<double[]> pixels = new ArrayList<>();
            if (source.images != null) {
                for (Path p : source.images) {
                    names.add(p.toString());
                    pixels.add(ImageInput.read(p, shape));
                }
            } else {
                Dataset d = DataSpec.open(source.data);
                for (int i : Samples.classBalanced(d, limit, 0)) {
                    double[] px = new double[d.imageSize()];
                    d.readPixels(i, px, 0);
                    names.add(source.data + "#" + i);
                    pixels.add(px);
                }
            }
            PlainReference plain = checkPlain == null ? null
                    : new PlainReference(ModelFiles.read(checkPlain), client.modelInfo().getPrecisionB());
            for (int i = 0; i < pixels.size(); i++) {
                Map<String, Object> row = classify(client, pixels.get(i));
                row.put("image", names.get(i));
                rows.add(row);
                String check = "";
                if (plain != null) {
                    double[] want = plain.logitsOfPixels(pixels.get(i));
                    int plainClass = PlainReference.argmax(want, 0, want.length);
                    boolean agrees = plainClass == (int) row.get("class");
                    row.put("plainClass", plainClass);
                    row.put("agrees", agrees);
                    differing += agrees ? 0 : 1;
                    check = "; plaintext PANN: class " + plainClass + (agrees ? ", agrees" : ", DIFFERS");
                }
                if (!json) {
                    out().printf("%s: class %s (%s) in %.2f s%s%n", names.get(i), row.get("class"), row.get("className"),
                            row.get("seconds"), check);
                }
            }
        }
        if (json) {
            out().println(Json.pretty(Map.of("results", rows)));
        }
        if (differing > 0) {
            System.err.println("sturdy query: " + differing + " of " + rows.size()
                    + " images got another class than the plaintext PANN");
            return 1;
        }
        return 0;
    }

    /** One secure query of one image: class, its name, logits, seconds, and each party's reported cost. */
    public static Map<String, Object> classify(SturdyClient client, double[] pixels) {
        long t0 = System.nanoTime();
        SturdyClient.Answer a = client.infer(client.normalise(pixels, 1), 1);
        double seconds = (System.nanoTime() - t0) / 1e9;
        int cls = PlainReference.argmax(a.logits(), 0, a.classes());
        List<String> classNames = client.modelInfo().getClassNamesList();
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("class", cls);
        row.put("className", cls < classNames.size() ? classNames.get(cls) : "");
        List<Double> logits = new ArrayList<>();
        for (double v : a.logits()) {
            logits.add(v);
        }
        row.put("logits", logits);
        row.put("seconds", seconds);
        row.put("parties", costs(a.costs()));
        return row;
    }

    public static List<Map<String, Object>> costs(List<Cost> costs) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (int p = 0; p < costs.size(); p++) {
            Cost c = costs.get(p);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("party", p);
            m.put("rounds", c.getRounds());
            m.put("bytesSent", c.getBytesSent());
            m.put("bytesReceived", c.getBytesReceived());
            m.put("bytesFromDealer", c.getBytesFromDealer());
            m.put("seconds", c.getSeconds());
            out.add(m);
        }
        return out;
    }
}
