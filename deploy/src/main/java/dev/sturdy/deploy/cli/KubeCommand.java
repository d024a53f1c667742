package dev.sturdy.deploy.cli;

import dev.sturdy.deploy.kube.KubeManifests;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code sturdy k8s}: Kubernetes manifests for a written deployment. */
@Command(name = "k8s", mixinStandardHelpOptions = true,
        description = {"Write Kubernetes manifests for a deployment that 'sturdy certs' and 'sturdy share' wrote: per "
                + "role a Secret (key, certificates), a ConfigMap (role.properties), a Deployment and a Service; "
                + "the model share on a hostPath volume (replace it with a PersistentVolumeClaim on a real "
                + "cluster). See docs/deploy.md.",
                "Tested with 'podman kube play' on one machine (--host-network)."})
public final class KubeCommand implements Callable<Integer> {
    @Option(names = "--deployment", required = true, description = "The deployment directory.")
    private Path deployment;

    @Option(names = "--parties", defaultValue = "2", description = "Compute parties: 2 or 3 (default: ${DEFAULT-VALUE}).")
    private int parties;

    @Option(names = "--image", defaultValue = "localhost/sturdy-role:latest",
            description = "Role image (default: ${DEFAULT-VALUE}, what deploy/container/build.sh builds).")
    private String image;

    @Option(names = "--host-network", description = "Pods on their node's network: the certificates' addresses are "
            + "the nodes' (one-machine tests); without it they must name the Services.")
    private boolean hostNetwork;

    @Option(names = "--tls-from-host", description = "Mount each role's key and certificates from its directory on the "
            + "node instead of a Secret (podman 4.3's kube play does not decode Secrets).")
    private boolean tlsFromHost;

    @Option(names = "--out", required = true, description = "YAML file to write.")
    private Path out;

    @Override
    public Integer call() throws Exception {
        Files.writeString(out, KubeManifests.write(deployment, parties, image, hostNetwork, tlsFromHost));
        System.out.println(out);
        return 0;
    }
}
