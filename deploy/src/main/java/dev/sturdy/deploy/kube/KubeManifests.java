package dev.sturdy.deploy.kube;

import dev.sturdy.deploy.DeploymentWriter;
import dev.sturdy.net.tls.RoleNames;
import dev.sturdy.party.config.RoleConfig;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Kubernetes manifests for a written deployment ('sturdy certs', then 'sturdy share'): per role a
 * Secret with its key and certificates, a ConfigMap with its role.properties (paths pointing at the
 * mounts), a Deployment of one pod running the role image, and a Service. The model share stays
 * on a volume (a hostPath to the role's directory here; a PersistentVolumeClaim on a real cluster),
 * as shares outgrow a Secret's 1 MiB. Probes use the role's plain-HTTP /healthz and /readyz
 * (metrics.listen), since an orchestrator cannot speak the client API's mutual TLS.
 *
 * <p>With {@code hostNetwork} every pod uses its node's network, so the addresses in the
 * certificates (e.g. 127.0.0.1 for a one-machine test with podman kube play) stay right; without
 * it the certificates must name the Services ('sturdy certs --hosts sturdy-party-0,...') and the
 * MPC listener binds all of the pod's addresses.
 */
public final class KubeManifests {
    /** Role r's probes and metrics listen on METRICS_BASE_PORT + r. */
    public static final int METRICS_BASE_PORT = 9400;
    private static final String MOUNT = "/etc/sturdy";

    private KubeManifests() {
    }

    /**
     * @param tlsFromHost mount the role directory's key and certificates from the host instead of a
     *                    Secret: podman 4.3's kube play writes a Secret's {@code data} without
     *                    decoding it (and ignores {@code stringData}), so one-machine tests need this
     */
    public static String write(Path deployment, int parties, String image, boolean hostNetwork, boolean tlsFromHost)
            throws IOException {
        StringBuilder y = new StringBuilder("# Sturdy: " + parties + " compute parties and the dealer, from "
                + deployment.getFileName() + " (sturdy k8s)\n");
        for (int id = 0; id <= parties; id++) {
            role(y, deployment, id, parties, image, hostNetwork, tlsFromHost);
        }
        return y.toString();
    }

    private static void role(StringBuilder y, Path deployment, int id, int parties, String image, boolean hostNetwork,
                             boolean tlsFromHost) throws IOException {
        String role = RoleNames.of(id, parties);
        String name = "sturdy-" + role;
        Path dir = DeploymentWriter.roleDir(deployment, id, parties).toAbsolutePath();
        RoleConfig cfg = RoleConfig.load(dir.resolve(DeploymentWriter.CONFIG));
        boolean dealer = cfg.dealer();
        int mpcPort = cfg.mpcListen().getPort();
        int metricsPort = METRICS_BASE_PORT + id;
        String bindHost = hostNetwork ? cfg.mpcListen().getHostString() : "0.0.0.0";

        if (!tlsFromHost) {
            y.append("---\napiVersion: v1\nkind: Secret\nmetadata:\n  name: ").append(name).append("-tls\n")
                    .append("type: Opaque\nstringData:\n");
            for (String f : new String[] {"cert.pem", "key.pem", "ca.pem"}) {
                block(y, "  " + f, Files.readString(dir.resolve(f)));
            }
        }

        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(dir.resolve(DeploymentWriter.CONFIG), StandardCharsets.UTF_8)) {
            p.load(r);
        }
        p.setProperty("tls.cert", MOUNT + "/tls/cert.pem");
        p.setProperty("tls.key", MOUNT + "/tls/key.pem");
        p.setProperty("tls.ca", MOUNT + "/tls/ca.pem");
        p.setProperty("model.share", MOUNT + "/share/model.share");
        p.setProperty("mpc.listen", bindHost + ":" + mpcPort);
        p.setProperty("metrics.listen", bindHost + ":" + metricsPort);
        StringBuilder props = new StringBuilder();
        new TreeMap<>(p).forEach((k, v) -> props.append(k).append('=').append(v).append('\n'));
        y.append("---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ").append(name).append("-config\ndata:\n");
        block(y, "  " + DeploymentWriter.CONFIG, props.toString());

        y.append("---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ").append(name).append('\n')
                .append("spec:\n  replicas: 1\n  strategy:\n    type: Recreate\n")
                .append("  selector:\n    matchLabels:\n      app: ").append(name).append('\n')
                .append("  template:\n    metadata:\n      labels:\n        app: ").append(name).append('\n')
                .append("    spec:\n");
        if (hostNetwork) {
            y.append("      hostNetwork: true\n");
        }
        y.append("      securityContext:\n        runAsUser: 10001\n        runAsNonRoot: true\n")
                .append("      containers:\n      - name: role\n        image: ").append(image).append('\n')
                .append("        args: [\"").append(dealer ? "dealer" : "party").append("\"]\n")
                .append("        command: [\"sh\", \"-c\", \"exec java $STURDY_JAVA_OPTS --add-modules jdk.incubator.vector")
                .append(" -jar /opt/sturdy/sturdy.jar $0 --config ").append(MOUNT).append("/config/")
                .append(DeploymentWriter.CONFIG).append("\"]\n")
                .append("        env:\n        - name: STURDY_JAVA_OPTS\n          value: \"-Xmx1g -XX:MaxDirectMemorySize=768m\"\n");
        if (!hostNetwork) { // on the node's network the ports are the node's (and podman refuses mappings there)
            y.append("        ports:\n        - {name: mpc, containerPort: ").append(mpcPort).append("}\n");
            if (!dealer) {
                y.append("        - {name: grpc, containerPort: ").append(cfg.grpcListen().getPort()).append("}\n");
            }
            y.append("        - {name: metrics, containerPort: ").append(metricsPort).append("}\n");
        }
        y.append("        resources:\n          requests: {cpu: 500m, memory: 1536Mi}\n          limits: {memory: 2560Mi}\n")
                .append("        readinessProbe:\n          httpGet: {path: /readyz, port: ").append(metricsPort).append("}\n")
                .append("          periodSeconds: 2\n")
                .append("        livenessProbe:\n          httpGet: {path: /healthz, port: ").append(metricsPort).append("}\n")
                .append("          initialDelaySeconds: 60\n          periodSeconds: 10\n")
                .append("        volumeMounts:\n")
                .append("        - {name: tls, mountPath: ").append(MOUNT).append("/tls, readOnly: true}\n")
                .append("        - {name: config, mountPath: ").append(MOUNT).append("/config, readOnly: true}\n")
                .append("        - {name: share, mountPath: ").append(MOUNT).append("/share, readOnly: true}\n")
                .append("      volumes:\n")
                .append(tlsFromHost ? "      - name: tls\n        hostPath:\n          path: " + dir + "\n          type: Directory\n"
                        : "      - name: tls\n        secret:\n          secretName: " + name + "-tls\n"
                        + "          optional: false\n          items:\n"
                        + "          - {key: cert.pem, path: cert.pem}\n          - {key: key.pem, path: key.pem}\n"
                        + "          - {key: ca.pem, path: ca.pem}\n")
                .append("      - name: config\n        configMap:\n          name: ").append(name).append("-config\n")
                .append("      - name: share\n        hostPath:\n          path: ").append(dir).append('\n')
                .append("          type: Directory\n");

        y.append("---\napiVersion: v1\nkind: Service\nmetadata:\n  name: ").append(name).append('\n')
                .append("spec:\n  selector:\n    app: ").append(name).append("\n  ports:\n")
                .append("  - {name: mpc, port: ").append(mpcPort).append("}\n");
        if (!dealer) {
            y.append("  - {name: grpc, port: ").append(cfg.grpcListen().getPort()).append("}\n");
        }
    }

    /** A YAML literal block: key: |, then the text indented two more spaces. */
    private static void block(StringBuilder y, String key, String text) {
        y.append(key).append(": |\n");
        String indent = " ".repeat(key.length() - key.stripLeading().length() + 2);
        for (String line : text.strip().split("\n")) {
            y.append(indent).append(line).append('\n');
        }
    }
}
