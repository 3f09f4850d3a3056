package io.tugboat.kubectl.cluster;

import io.tugboat.pki.ClusterPki;
import io.tugboat.pki.Pem;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

/**
 * The certificates and kubeconfigs of a local cluster, made by the code of {@code tug certs} in {@code DIR/pki}:
 * the control plane's, one client and one serving certificate per node, a kubeconfig per client, and
 * {@code DIR/kubeconfig}, the admin's. What exists is kept, so a second {@code tug up} (with more nodes, say) issues
 * only the new nodes' certificates; kubeconfigs are written every time, since the API server's port may have changed.
 */
final class ClusterCertificates {
    /** The API server's default service range; its first address is in the API server's certificate. */
    static final String SERVICE_CLUSTER_IP_RANGE = "10.96.0.0/12";

    private ClusterCertificates() {
    }

    /** Issues what is missing and writes the kubeconfigs; prints one line saying what it did. */
    static void ensure(LocalCluster cluster, PrintWriter out) throws IOException {
        ClusterPki pki = cluster.pki();
        List<String> written = new ArrayList<>(pki.ensureControlPlane(List.of(), List.of(),
                CertsCommand.firstAddress(SERVICE_CLUSTER_IP_RANGE)));
        List<String> clients = new ArrayList<>(List.of(ClusterPki.ADMIN, ClusterPki.SCHEDULER, ClusterPki.CONTROLLER_MANAGER));
        for (String node : cluster.nodeNames()) {
            // loopback only: the local kubelets are reached at 127.0.0.1, which every serving certificate covers
            written.addAll(pki.ensureNode(node, List.of()));
            clients.add(ClusterPki.nodeClient(node));
        }
        for (String client : clients) {
            CertsCommand.writeKubeconfig(pki, client, cluster.apiServerUrl());
        }
        Pem.writeSecret(cluster.dir().kubeconfig(), Files.readString(pki.dir().resolve(ClusterPki.ADMIN + ".conf")));
        if (!Files.exists(cluster.dir().tokenFile())) {
            Pem.writeSecret(cluster.dir().tokenFile(), "");
        }
        out.printf("%-22s %s (%d issued now)%n", "certificates", pki.dir(), written.size());
        out.flush();
    }
}
