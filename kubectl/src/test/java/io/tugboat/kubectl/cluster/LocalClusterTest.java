package io.tugboat.kubectl.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command lines {@code tug up} starts: every connection of the cluster is TLS with the cluster's certificates. */
class LocalClusterTest {
    @TempDir
    Path dir;

    private LocalCluster cluster(String etcdServers, LocalCluster.EtcdClientTls etcdTls) {
        return new LocalCluster(new ClusterDir(dir), 6443, etcdServers, 2379, 2, "node-", 10250, "10.244.0.0/16", etcdTls, "Node,RBAC");
    }

    private static List<String> command(LocalCluster cluster, String name) {
        return cluster.components("java", "cp").stream().filter(c -> c.process().name().equals(name)).findFirst()
                .orElseThrow().command();
    }

    @Test
    void etcdServesHttpsToTheApiServersCertificateOnly() {
        LocalCluster cluster = cluster(null, null);
        List<String> etcd = command(cluster, "etcd");
        String pki = dir.resolve("pki").toString();
        assertTrue(etcd.containsAll(List.of("--listen-client-urls=https://127.0.0.1:2379", "--client-cert-auth",
                "--cert-file=" + pki + "/etcd-server.crt", "--key-file=" + pki + "/etcd-server.key",
                "--trusted-ca-file=" + pki + "/ca.crt", "--client-cert-allowed-hostname=kube-apiserver-etcd-client")), etcd::toString);
        LocalCluster.Component component = cluster.components("java", "cp").get(0);
        assertEquals("https://127.0.0.1:2379/health", component.healthUrl());
        assertEquals("apiserver-etcd-client", component.healthClientCert());
    }

    @Test
    void theApiServerGetsItsServingClientAndEtcdCertificates() {
        List<String> apiserver = command(cluster(null, null), "apiserver");
        String pki = dir.resolve("pki").toString();
        assertTrue(apiserver.containsAll(List.of("--etcd-servers=https://127.0.0.1:2379", "--etcd-cafile=" + pki + "/ca.crt",
                "--etcd-certfile=" + pki + "/apiserver-etcd-client.crt", "--etcd-keyfile=" + pki + "/apiserver-etcd-client.key")),
                apiserver::toString);
        assertTrue(apiserver.containsAll(List.of("--kubelet-client-certificate=" + pki + "/apiserver-kubelet-client.crt",
                "--kubelet-client-key=" + pki + "/apiserver-kubelet-client.key", "--kubelet-certificate-authority=" + pki + "/ca.crt")),
                apiserver::toString);
        assertTrue(apiserver.containsAll(List.of("--secure-port=6443", "--tls-cert-file=" + pki + "/apiserver.crt", "--tls-private-key-file=" + pki + "/apiserver.key",
                "--client-ca-file=" + pki + "/ca.crt", "--token-auth-file=" + pki + "/tokens.csv",
                "--authorization-mode=Node,RBAC")), apiserver::toString);
    }

    @Test
    void anExternalEtcdGetsTheTlsFlagsGivenAndNoOthers() {
        List<String> plain = command(cluster("http://10.0.0.5:2379", null), "apiserver");
        assertTrue(plain.contains("--etcd-servers=http://10.0.0.5:2379"), plain::toString);
        assertFalse(plain.stream().anyMatch(a -> a.startsWith("--etcd-cafile") || a.startsWith("--etcd-certfile")), plain::toString);
        List<String> ca = command(cluster("https://10.0.0.5:2379", LocalCluster.etcdTls("/e/ca.crt", null, null)), "apiserver");
        assertTrue(ca.contains("--etcd-cafile=/e/ca.crt"), ca::toString);
        assertFalse(ca.stream().anyMatch(a -> a.startsWith("--etcd-certfile") || a.startsWith("--etcd-keyfile")), ca::toString);
        assertEquals(0, cluster("https://10.0.0.5:2379", null).components("java", "cp").stream()
                .filter(c -> c.process().name().equals("etcd")).count());
    }

    @Test
    void eachKubeletHasItsOwnIdentityAndServingCertificate() {
        LocalCluster cluster = cluster(null, null);
        String pki = dir.resolve("pki").toString();
        List<String> kubelet = command(cluster, "kubelet-node-2");
        assertTrue(kubelet.containsAll(List.of("--kubeconfig=" + pki + "/nodes/node-2.conf", "--port=10251")), kubelet::toString);
        assertTrue(kubelet.containsAll(List.of("--tls-cert-file=" + pki + "/nodes/node-2-serving.crt",
                "--tls-private-key-file=" + pki + "/nodes/node-2-serving.key", "--client-ca-file=" + pki + "/ca.crt")), kubelet::toString);
        assertFalse(kubelet.contains("--insecure-http"), kubelet::toString);
        assertTrue(command(cluster, "scheduler").contains("--kubeconfig=" + pki + "/scheduler.conf"));
        assertTrue(command(cluster, "controller-manager").contains("--kubeconfig=" + pki + "/controller-manager.conf"));
    }

    @Test
    void theSettingsRoundTrip() throws Exception {
        ClusterDir clusterDir = new ClusterDir(dir);
        clusterDir.create();
        LocalCluster cluster = cluster("https://10.0.0.5:2379", LocalCluster.etcdTls("/e/ca.crt", "/e/c.crt", "/e/c.key"));
        clusterDir.writeSettings(cluster.toSettings());
        assertEquals(cluster, LocalCluster.fromSettings(clusterDir));
    }
}
