package io.tugboat.kubelet.network;

import static io.tugboat.kubelet.PodSpecs.container;
import static io.tugboat.kubelet.PodSpecs.pod;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tugboat.api.ResourceKinds;
import io.tugboat.api.core.Node;
import io.tugboat.api.core.Pod;
import io.tugboat.client.ApiClient;
import io.tugboat.client.ResourceClient;
import io.tugboat.kubelet.Kubelet;
import io.tugboat.kubelet.KubeletConfig;
import io.tugboat.kubelet.pod.ContainerLabels;
import io.tugboat.kubelet.runtime.DockerRuntime;
import io.tugboat.testcluster.TestCluster;
import io.tugboat.testsupport.EtcdExtension;
import io.tugboat.testsupport.Eventually;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The kubelet's side of the pod network on the real Docker engine: pods bound to a node whose Node has no
 * {@code spec.podCIDR} yet wait (no sandbox anywhere, least of all on Docker's default bridge) while a
 * {@code hostNetwork} pod runs; once the range is there the node's bridge appears and the waiting pod starts on
 * it with an address from the range. Routes and iptables are out of this test's scope (a fake host stands in;
 * {@link LinuxHostNetworkIT} and {@link MultiHostPodNetworkIT} cover them).
 */
class PodNetworkDockerIT {
    @RegisterExtension
    static final EtcdExtension etcd = new EtcdExtension();

    static final String NODE = "pn-it-" + UUID.randomUUID().toString().substring(0, 8);
    /** Away from 10.244 (a developer's cluster) and from the 10.100-239 ranges the e2e clusters pick. */
    static final String RANGE = "10.251." + ThreadLocalRandom.current().nextInt(256) + ".0/24";
    static TestCluster cluster;
    static DockerRuntime docker;
    static Kubelet kubelet;
    static ApiClient client;
    static ResourceClient<Pod> pods;

    @BeforeAll
    static void startKubelet() throws Exception {
        cluster = TestCluster.start(etcd);
        client = cluster.client();
        pods = client.resources(ResourceKinds.PODS).inNamespace("default");
        docker = new DockerRuntime("unix:///var/run/docker.sock");
        KubeletConfig config = KubeletConfig.defaults(NODE).withNetwork("127.0.0.1", 0)
                .withRootDir(Files.createTempDirectory("pod-network-it"))
                .withIntervals(Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofMinutes(1), Duration.ofSeconds(10));
        kubelet = new Kubelet(config, client, docker).withPodNetwork("10.251.0.0/16", new PodNetworkTest.FakeHost()).start();
    }

    @AfterAll
    static void stopKubelet() {
        if (kubelet != null) {
            kubelet.close();
        }
        if (docker != null) {
            docker.list(ContainerLabels.ofNode(NODE)).forEach(c -> docker.remove(c.id()));
            docker.removeNetwork(PodBridge.networkName(NODE));
            docker.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void podsWaitForTheNodesRangeThenStartOnItsBridge() throws Exception {
        pods.create(pod("early", NODE, "Always", List.of(container("main", "tugboat/busybox:1", "exec sleep 3600"))));
        Pod host = pod("host", NODE, "Always", List.of(container("main", "tugboat/busybox:1", "exec sleep 3600")));
        pods.create(host.withSpec(host.spec().withHostNetwork(true)));

        // The hostNetwork pod needs no pod network: it runs, with the node's address.
        Pod hostPod = waitFor("host", "Running", p -> "Running".equals(p.status().phase()));
        assertEquals("127.0.0.1", hostPod.status().podIP());
        // By then the other pod was synced too (its status written), and waits: nothing created for it.
        waitFor("early", "a status written", p -> p.status().containerStatuses() != null);
        assertEquals("Pending", pods.get("early").status().phase());
        assertTrue(docker.list(java.util.Map.of(ContainerLabels.NODE, NODE, ContainerLabels.POD_NAME, "early")).isEmpty(),
                "no sandbox before the node has a pod network");
        assertTrue(kubelet.podNetwork().orElseThrow().gatewayAddress().isEmpty());

        ResourceClient<Node> nodes = client.resources(ResourceKinds.NODES);
        Node node = nodes.get(NODE);
        nodes.update(node.withSpec(node.spec().withPodCIDR(RANGE).withPodCIDRs(List.of(RANGE))));

        Pod early = waitFor("early", "Running with an address", p -> "Running".equals(p.status().phase()) && p.status().podIP() != null);
        Ipv4Cidr range = Ipv4Cidr.parse(RANGE);
        assertTrue(range.contains(early.status().podIP()), early.status().podIP() + " in " + RANGE);
        assertEquals(java.util.Optional.of(range.host(1)), kubelet.podNetwork().orElseThrow().gatewayAddress());
        assertEquals(RANGE, docker.inspectNetwork(PodBridge.networkName(NODE)).orElseThrow().subnet());
    }

    private static Pod waitFor(String name, String what, Predicate<Pod> condition) throws InterruptedException {
        Pod[] last = new Pod[1];
        Eventually.until(name + ": " + what, Duration.ofSeconds(90), () -> {
            try {
                last[0] = pods.get(name);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            return last[0].status() != null && condition.test(last[0]);
        });
        return last[0];
    }
}
