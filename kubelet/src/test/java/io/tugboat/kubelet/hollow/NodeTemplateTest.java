package io.tugboat.kubelet.hollow;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tugboat.api.Quantity;
import io.tugboat.api.core.Node;
import io.tugboat.api.core.NodeAddress;
import io.tugboat.api.core.NodeCondition;
import io.tugboat.api.core.Taint;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NodeTemplateTest {
    private static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");

    @ParameterizedTest
    @CsvSource({
            "0, 10.64.0.1, 10.128.0.0/24, 10.128.0.7",
            "255, 10.64.1.0, 10.128.255.0/24, 10.128.255.7",
            "256, 10.64.1.1, 10.129.0.0/24, 10.129.0.7",
            "4999, 10.64.19.136, 10.147.135.0/24, 10.147.135.7",
            "32767, 10.64.128.0, 10.255.255.0/24, 10.255.255.7"})
    void addressesComeFromTheNodesNumber(int index, String hostIp, String podCidr, String seventhPod) {
        assertEquals(hostIp, NodeTemplate.hostIp(index));
        assertEquals(podCidr, NodeTemplate.podCidr(index));
        assertEquals(seventhPod, NodeTemplate.podIp(index, 7));
    }

    @Test
    void namesArePaddedToTheWidthOfTheFleet() {
        assertEquals("hollow-0007", new NodeTemplate(HollowNodesConfig.defaults(50)).name(7));
        assertEquals("n-00007", new NodeTemplate(HollowNodesConfig.defaults(20_000).withNamePrefix("n-")).name(7));
    }

    @Test
    void aRegisteredNodeIsReadyWithItsCapacityLabelsTaintsAndAddresses() {
        HollowNodesConfig config = HollowNodesConfig.defaults(10)
                .withResources(Quantity.parse("8"), Quantity.parse("32Gi"), 200)
                .withSpread(NodeSpread.parse("zone=a|b", "dedicated=gpu:NoSchedule|"));
        Node node = new NodeTemplate(config).node(3, NOW);

        assertEquals("hollow-0003", node.metadata().name());
        assertEquals("hollow-0003", node.metadata().labels().get("kubernetes.io/hostname"));
        assertEquals("linux", node.metadata().labels().get("kubernetes.io/os"));
        assertEquals("b", node.metadata().labels().get("zone"));
        assertEquals("true", node.metadata().labels().get(NodeTemplate.HOLLOW_LABEL));
        assertEquals(List.of(), node.spec().taints());
        assertEquals(List.of(new Taint("dedicated", "gpu", "NoSchedule", null)),
                new NodeTemplate(config).node(2, NOW).spec().taints());
        assertEquals("10.128.3.0/24", node.spec().podCIDR());
        assertEquals(Quantity.parse("8"), node.status().capacity().get("cpu"));
        assertEquals(Quantity.parse("32Gi"), node.status().allocatable().get("memory"));
        assertEquals(Quantity.parse("200"), node.status().allocatable().get("pods"));
        NodeCondition ready = node.status().conditions().stream().filter(c -> c.type().equals("Ready")).findFirst().orElseThrow();
        assertEquals(new NodeCondition("Ready", "True", NOW, NOW, "KubeletReady", "kubelet is posting ready status"), ready);
        assertEquals(List.of(new NodeAddress("InternalIP", "10.64.0.4"), new NodeAddress("Hostname", "hollow-0003")),
                node.status().addresses());
        assertEquals(10250, node.status().daemonEndpoints().kubeletEndpoint().port());
    }

    @Test
    void theLeaseLastsFourRenewIntervals() {
        assertEquals(40, HollowNodesConfig.defaults(1).leaseDurationSeconds());
        assertEquals(2, HollowNodesConfig.defaults(1).withLeaseInterval(java.time.Duration.ofMillis(300)).leaseDurationSeconds());
    }
}
