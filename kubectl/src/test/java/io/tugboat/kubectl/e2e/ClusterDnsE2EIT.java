package io.tugboat.kubectl.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tugboat.kubectl.CommandRunner;
import io.tugboat.testsupport.Eventually;
import java.time.Duration;
import java.util.Arrays;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Cluster DNS on a real {@code tug up --nodes=2} cluster with real Docker: a StatefulSet behind a headless Service
 * (Endpoints written by the endpoints controller, with the pods' hostnames), and one client pod on each node asking
 * its own node's DNS server with nslookup. The headless name resolves to every pod IP; each StatefulSet pod
 * resolves by its stable name {@code <pod>.<service>}; the client's resolv.conf is the ClusterFirst one, naming its
 * own node's server (each node serves on its pod bridge's gateway).
 */
class ClusterDnsE2EIT {
    private static final String MANIFESTS = """
            apiVersion: v1
            kind: Service
            metadata: {name: db}
            spec:
              clusterIP: None
              selector: {app: db}
              ports: [{name: pg, port: 5432}]
            ---
            apiVersion: apps/v1
            kind: StatefulSet
            metadata: {name: db}
            spec:
              replicas: 2
              serviceName: db
              selector:
                matchLabels: {app: db}
              template:
                metadata:
                  labels: {app: db}
                spec:
                  terminationGracePeriodSeconds: 1
                  containers:
                  - {name: main, image: tugboat/busybox:1, command: [sleep, "3600"]}
            """;

    static UpCluster cluster;
    static CommandRunner run;

    @BeforeAll
    static void up() {
        cluster = UpCluster.start("dns", 2);
        run = cluster.runner();
    }

    @AfterAll
    static void down() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void aHeadlessServiceResolvesToItsPodsAndAStatefulSetPodByItsStableNameOnBothNodes() throws Exception {
        StringBuilder manifests = new StringBuilder(MANIFESTS);
        for (int i = 1; i <= 2; i++) {
            manifests.append("""
                    ---
                    apiVersion: v1
                    kind: Pod
                    metadata: {name: asker-%d}
                    spec:
                      nodeName: %s
                      terminationGracePeriodSeconds: 1
                      containers:
                      - {name: main, image: tugboat/busybox:1, command: [sleep, "3600"]}
                    """.formatted(i, cluster.nodeName(i)));
        }
        CommandRunner.Result applied = run.tugWithInput(manifests.toString(), "apply", "-f", "-");
        assertEquals(0, applied.code(), applied::toString);
        eventually("both StatefulSet pods in the Endpoints, with their hostnames", () -> endpointHostnames().equals("db-0 db-1"));
        eventually("both askers running", () -> phase("asker-1").equals("Running") && phase("asker-2").equals("Running"));
        String ip0 = podIP("db-0");
        String ip1 = podIP("db-1");

        java.util.Set<String> nameservers = new java.util.HashSet<>();
        for (int i = 1; i <= 2; i++) {
            String asker = "asker-" + i;
            CommandRunner.Result resolv = run.tug("exec", asker, "--", "cat", "/etc/resolv.conf");
            assertEquals(0, resolv.code(), resolv::toString);
            nameservers.add(resolv.out().lines().filter(l -> l.startsWith("nameserver ")).findFirst().orElse(""));
            assertTrue(resolv.out().contains("search default.svc.cluster.local svc.cluster.local cluster.local"), resolv::toString);
            assertTrue(resolv.out().contains("options ndots:5"), resolv::toString);

            // the node's server learns of the Endpoints through its own watch: give it a moment after kubectl saw them
            eventually(asker + " resolves the headless Service to both pods", () -> {
                String answer = lookup(asker, "db.default.svc.cluster.local");
                return answer.contains("Address: " + ip0) && answer.contains("Address: " + ip1);
            });
            String headless = lookup(asker, "db.default.svc.cluster.local");
            assertTrue(headless.contains("Address: " + ip0) && headless.contains("Address: " + ip1),
                    asker + " resolves the headless Service to both pods:\n" + headless + "\n" + cluster.logTails());
            String stable = lookup(asker, "db-1.db.default.svc.cluster.local");
            assertTrue(stable.contains("Address: " + ip1) && !stable.contains("Address: " + ip0),
                    asker + " resolves db-1 by its stable name:\n" + stable);
            // busybox's nslookup applies the search list to names without a dot only (getaddrinfo follows ndots)
            String shortName = lookup(asker, "db");
            assertTrue(shortName.contains("Address: " + ip0) && shortName.contains("Address: " + ip1),
                    asker + " completes a short name through the search list:\n" + shortName);
            String missing = lookup(asker, "nosuch.default.svc.cluster.local");
            assertTrue(missing.contains("NXDOMAIN"), missing);
        }
        assertEquals(2, nameservers.size(), "each node's pods ask their own node, on its bridge's gateway: " + nameservers);
    }

    private static String lookup(String pod, String name) {
        CommandRunner.Result out = run.tug("exec", pod, "--", "nslookup", name);
        return out.out() + out.err();
    }

    private static String endpointHostnames() {
        CommandRunner.Result out = run.kubectl("get", "endpoints", "db", "-o",
                "jsonpath={range .subsets[*].addresses[*]}{.hostname}{\"\\n\"}{end}");
        if (out.code() != 0) {
            return "";
        }
        return Arrays.stream(out.out().strip().split("\n")).map(String::strip).filter(s -> !s.isEmpty()).sorted()
                .collect(Collectors.joining(" "));
    }

    private static String phase(String pod) {
        CommandRunner.Result out = run.kubectl("get", "pod", pod, "-o", "jsonpath={.status.phase}");
        return out.code() == 0 ? out.out().strip() : "";
    }

    private static String podIP(String pod) {
        CommandRunner.Result out = run.kubectl("get", "pod", pod, "-o", "jsonpath={.status.podIP}");
        assertEquals(0, out.code(), out::toString);
        return out.out().strip();
    }

    private static void eventually(String what, BooleanSupplier condition) throws InterruptedException {
        Eventually.until(what, Duration.ofSeconds(180), condition);
    }
}
