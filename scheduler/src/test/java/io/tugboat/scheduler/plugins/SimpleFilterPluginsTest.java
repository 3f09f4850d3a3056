package io.tugboat.scheduler.plugins;

import static io.tugboat.scheduler.Fixtures.node;
import static io.tugboat.scheduler.Fixtures.pod;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.tugboat.scheduler.PluginHarness;
import io.tugboat.scheduler.framework.FilterPlugin;
import io.tugboat.scheduler.framework.NodeInfo;
import io.tugboat.scheduler.framework.PodInfo;
import io.tugboat.scheduler.framework.Status;
import io.tugboat.scheduler.plugins.nodename.NodeNamePlugin;
import io.tugboat.scheduler.plugins.nodeports.NodePortsPlugin;
import io.tugboat.scheduler.plugins.nodeready.NodeReadyPlugin;
import io.tugboat.scheduler.plugins.nodeunschedulable.NodeUnschedulablePlugin;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Table tests of the filter-only plugins: NodeUnschedulable, NodeName, NodeReady, NodePorts. */
class SimpleFilterPluginsTest {
    private static final Status OK = Status.SUCCESS;

    static Stream<Arguments> cases() {
        FilterPlugin unschedulable = new NodeUnschedulablePlugin();
        FilterPlugin nodeName = new NodeNamePlugin();
        FilterPlugin ready = new NodeReadyPlugin();
        FilterPlugin ports = new NodePortsPlugin();
        return Stream.of(
                arguments("schedulable node", unschedulable, pod("p").info(), node("n").info(), OK),
                arguments("cordoned node", unschedulable, pod("p").info(), node("n").cordoned().info(),
                        Status.unresolvable("node(s) were unschedulable")),
                arguments("cordoned node, toleration for node.kubernetes.io/unschedulable", unschedulable,
                        pod("p").toleration("node.kubernetes.io/unschedulable", "Exists", null, "NoSchedule").info(),
                        node("n").cordoned().info(), OK),
                arguments("cordoned node, toleration for another key", unschedulable,
                        pod("p").toleration("other", "Exists", null, "NoSchedule").info(), node("n").cordoned().info(),
                        Status.unresolvable("node(s) were unschedulable")),
                arguments("no nodeName", nodeName, pod("p").info(), node("n").info(), OK),
                arguments("nodeName of this node", nodeName, pod("p").nodeName("n").info(), node("n").info(), OK),
                arguments("nodeName of another node", nodeName, pod("p").nodeName("m").info(), node("n").info(),
                        Status.unresolvable("node(s) didn't match the requested node name")),
                arguments("Ready node", ready, pod("p").info(), node("n").info(), OK),
                arguments("NotReady node", ready, pod("p").info(), node("n").ready("False").info(),
                        Status.unresolvable("node(s) had untolerated taint {node.kubernetes.io/not-ready: }")),
                arguments("node without Ready condition", ready, pod("p").info(), node("n").ready(null).info(),
                        Status.unresolvable("node(s) had untolerated taint {node.kubernetes.io/not-ready: }")),
                arguments("unreachable node", ready, pod("p").info(), node("n").ready("Unknown").info(),
                        Status.unresolvable("node(s) had untolerated taint {node.kubernetes.io/unreachable: }")),
                arguments("NotReady node, pod tolerating not-ready", ready,
                        pod("p").toleration("node.kubernetes.io/not-ready", "Exists", null, "NoSchedule").info(),
                        node("n").ready("False").info(), OK),
                arguments("NotReady node, pod tolerating everything", ready,
                        pod("p").toleration(null, "Exists", null, null).info(), node("n").ready("False").info(), OK),
                arguments("free host port", ports, pod("p").hostPort(8080).info(),
                        node("n").info(pod("q").hostPort(9090).build()), OK),
                arguments("taken host port", ports, pod("p").hostPort(8080).info(),
                        node("n").info(pod("q").hostPort(8080).build()),
                        Status.unschedulable("node(s) didn't have free ports for the requested pod ports")),
                arguments("no host port wanted", ports, pod("p").info(), node("n").info(pod("q").hostPort(8080).build()), OK));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void filterDecidesAsKubernetes(String name, FilterPlugin plugin, PodInfo pod, NodeInfo node, Status expected) {
        assertEquals(expected, PluginHarness.filter(plugin, pod, node));
    }
}
