package io.tugboat.apiserver.rest.table;

import static io.tugboat.apiserver.rest.table.Fixtures.cells;
import static io.tugboat.apiserver.rest.table.Fixtures.yaml;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tugboat.api.ResourceKinds;
import io.tugboat.api.core.Node;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class NodePrinterTest {

    private static Node node(String labels, String spec, String conditions) {
        return yaml("""
                apiVersion: v1
                kind: Node
                metadata:
                  name: worker-1
                  creationTimestamp: "2024-04-20T12:00:00Z"
                  labels: %s
                spec: %s
                status:
                  conditions: %s
                  addresses:
                  - {type: Hostname, address: worker-1}
                  - {type: InternalIP, address: 192.168.56.11}
                  nodeInfo:
                    machineID: m
                    systemUUID: s
                    bootID: b
                    kernelVersion: 6.1.0-18-amd64
                    osImage: Debian GNU/Linux 12 (bookworm)
                    containerRuntimeVersion: docker://20.10.24
                    kubeletVersion: v1.32.0-tugboat
                    kubeProxyVersion: ""
                    operatingSystem: linux
                    architecture: amd64
                """.formatted(labels, spec, conditions), Node.class);
    }

    private static final String READY = "[{type: Ready, status: \"True\", reason: KubeletReady}]";
    private static final String NOT_READY = "[{type: MemoryPressure, status: \"False\"}, "
            + "{type: Ready, status: \"Unknown\", reason: NodeStatusUnknown}]";

    static Stream<Arguments> nodes() {
        return Stream.of(
                Arguments.of("a ready node is Ready", node("{}", "{}", READY), "Ready", "<none>"),
                Arguments.of("a node whose kubelet stopped reporting is NotReady", node("{}", "{}", NOT_READY),
                        "NotReady", "<none>"),
                Arguments.of("a node without a Ready condition is Unknown", node("{}", "{}", "[]"), "Unknown",
                        "<none>"),
                Arguments.of("a cordoned node adds SchedulingDisabled", node("{}", "{unschedulable: true}", READY),
                        "Ready,SchedulingDisabled", "<none>"),
                Arguments.of("roles come from node-role labels, sorted",
                        node("{node-role.kubernetes.io/worker: \"\", node-role.kubernetes.io/control-plane: \"\"}",
                                "{}", READY), "Ready", "control-plane,worker"),
                Arguments.of("the legacy kubernetes.io/role label names a role",
                        node("{kubernetes.io/role: master}", "{}", READY), "Ready", "master"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("nodes")
    void printsStatusAndRolesLikeKubectl(String description, Node node, String status, String roles) {
        assertEquals(List.of("worker-1", status, roles, "11d", "v1.32.0-tugboat"),
                cells(ResourceKinds.NODES, node).subList(0, 5));
    }

    @Test
    void wideColumnsShowAddressesAndSoftware() {
        assertEquals(List.of("192.168.56.11", "<none>", "Debian GNU/Linux 12 (bookworm)", "6.1.0-18-amd64",
                "docker://20.10.24"), cells(ResourceKinds.NODES, node("{}", "{}", READY)).subList(5, 10));
    }

    @Test
    void nodesPrintKubernetesColumns() {
        List<String> names = new TablePrinter().columns(ResourceKinds.NODES).stream()
                .map(c -> c.name() + (c.priority() == 1 ? "*" : "")).toList();
        assertEquals(List.of("Name", "Status", "Roles", "Age", "Version", "Internal-IP*", "External-IP*",
                "OS-Image*", "Kernel-Version*", "Container-Runtime*"), names);
    }
}
