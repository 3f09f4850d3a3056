package io.tugboat.kubectl.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tugboat.kubectl.CommandRunner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The end-to-end harness itself: {@code tug up} brings up Ready nodes, a second {@code tug up} with more nodes
 * adds one (keeping the cluster's certificates, issuing the new node's), a pod runs on the real Docker engine, and {@code tug down --purge} leaves no container of the
 * cluster's nodes behind.
 */
class UpClusterIT {
    private static final String POD = """
            apiVersion: v1
            kind: Pod
            metadata:
              name: hello
            spec:
              terminationGracePeriodSeconds: 1
              containers:
              - name: main
                image: tugboat/busybox:1
                command: ["sleep", "3600"]
            """;

    @Test
    void upAddsNodesRunsAPodAndDownRemovesItsContainers() throws Exception {
        UpCluster cluster = UpCluster.start("upit", 1);
        try {
            CommandRunner run = cluster.runner();
            byte[] ca = java.nio.file.Files.readAllBytes(cluster.pki().resolve("ca.crt"));
            byte[] node1 = java.nio.file.Files.readAllBytes(cluster.pki().resolve("nodes/" + cluster.nodeName(1) + ".crt"));
            cluster.withNodes(2);
            // the second tug up keeps the PKI and issues only the new node's certificates
            org.junit.jupiter.api.Assertions.assertArrayEquals(ca, java.nio.file.Files.readAllBytes(cluster.pki().resolve("ca.crt")));
            org.junit.jupiter.api.Assertions.assertArrayEquals(node1,
                    java.nio.file.Files.readAllBytes(cluster.pki().resolve("nodes/" + cluster.nodeName(1) + ".crt")));
            assertTrue(java.nio.file.Files.exists(cluster.pki().resolve("nodes/" + cluster.nodeName(2) + "-serving.crt")));
            CommandRunner.Result nodes = run.kubectl("get", "nodes", "--no-headers");
            assertEquals(0, nodes.code(), nodes::toString);
            assertTrue(java.util.regex.Pattern.compile("(?m)^" + cluster.nodeName(1) + "\\s+Ready\\s").matcher(nodes.out()).find(), nodes::toString);
            assertTrue(java.util.regex.Pattern.compile("(?m)^" + cluster.nodeName(2) + "\\s+Ready\\s").matcher(nodes.out()).find(), nodes::toString);

            // tug status checks every component over TLS: etcd with the API server's client certificate, the
            // API server's /readyz and each kubelet's /healthz against the cluster CA
            CommandRunner.Result status = UpCluster.tugProcess("status", "--data-dir=" + cluster.dataDir());
            assertEquals(0, status.code(), status::toString);
            assertTrue(java.util.regex.Pattern.compile("(?m)^etcd\\s+\\d+\\s+healthy$").matcher(status.out()).find(), status::toString);
            assertTrue(java.util.regex.Pattern.compile("(?m)^kubelet-" + cluster.nodeName(2) + "\\s+\\d+\\s+healthy, node Ready$")
                    .matcher(status.out()).find(), status::toString);

            CommandRunner.Result applied = run.tugWithInput(POD, "apply", "-f", "-");
            assertEquals(0, applied.code(), applied::toString);
            CommandRunner.Result ready = run.kubectl("wait", "--for=condition=Ready", "pod/hello", "--timeout=90s");
            assertEquals(0, ready.code(), () -> ready + "\n" + cluster.logTails());
        } finally {
            cluster.close();
        }
        for (int i = 1; i <= 2; i++) {
            String left = docker("ps", "-aq", "--filter", "label=io.tugboat.node=" + cluster.nodeName(i));
            assertEquals("", left.strip(), "containers of " + cluster.nodeName(i) + " left after tug down");
        }
    }

    private static String docker(String... args) throws IOException, InterruptedException {
        String[] command = new String[args.length + 1];
        command[0] = "docker";
        System.arraycopy(args, 0, command, 1, args.length);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), out);
        return out;
    }
}
