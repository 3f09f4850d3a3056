package io.tugboat.kubelet.node;

import io.tugboat.api.Codec;
import io.tugboat.api.Quantity;
import io.tugboat.api.ResourceKinds;
import io.tugboat.api.core.DaemonEndpoint;
import io.tugboat.api.core.Node;
import io.tugboat.api.core.NodeAddress;
import io.tugboat.api.core.NodeCondition;
import io.tugboat.api.core.NodeDaemonEndpoints;
import io.tugboat.api.core.NodeSpec;
import io.tugboat.api.core.NodeStatus;
import io.tugboat.api.core.NodeSystemInfo;
import io.tugboat.api.core.Taint;
import io.tugboat.api.meta.ObjectMeta;
import io.tugboat.client.ApiClient;
import io.tugboat.client.ApiException;
import io.tugboat.client.ResourceClient;
import io.tugboat.kubelet.runtime.ContainerRuntime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Registers the kubelet's Node and keeps its status true: the kubelet's {@code registerWithAPIServer} and
 * {@code updateNodeStatus} ({@code pkg/kubelet/kubelet_node_status.go}).
 *
 * <p>{@link #sync()} runs every few seconds; it writes the status only when a condition changed or the last write is
 * older than the report interval (one minute), because the Lease, not the Node, is the cheap heartbeat. The Ready
 * condition follows the runtime:
 * <pre>
 *   runtime answers  ─▶ Ready=True  reason KubeletReady    "kubelet is posting ready status"
 *   runtime fails    ─▶ Ready=False reason KubeletNotReady "container runtime is down: ..."
 * </pre>
 */
public final class NodeStatusReporter {
    /** What the Node says about this machine, fixed at start. */
    public record NodeFacts(String name, String address, int kubeletPort, Map<String, Quantity> capacity,
                            Map<String, String> labels, List<Taint> taints) {
    }

    private final NodeFacts facts;
    private final ResourceClient<Node> nodes;
    private final ContainerRuntime runtime;
    private final Clock clock;
    private final Duration reportInterval;
    private Instant lastReport = Instant.MIN;
    private Object lastWritten;

    public NodeStatusReporter(NodeFacts facts, ApiClient client, ContainerRuntime runtime, Clock clock, Duration reportInterval) {
        this.facts = facts;
        this.nodes = client.resources(ResourceKinds.NODES);
        this.runtime = runtime;
        this.clock = clock;
        this.reportInterval = reportInterval;
    }

    /** Creates the Node if it does not exist (an existing one keeps its spec, gets our labels), then reports. */
    public synchronized void register() throws Exception {
        Map<String, String> labels = new HashMap<>(facts.labels());
        labels.put("kubernetes.io/hostname", facts.name());
        labels.put("kubernetes.io/os", "linux");
        labels.put("kubernetes.io/arch", arch());
        ObjectMeta meta = new ObjectMeta(facts.name(), null, null, null, null, null, null, null, null, null, labels, null, null, null);
        try {
            nodes.create(Node.of(meta, new NodeSpec(null, null, null, null, facts.taints().isEmpty() ? null : facts.taints()), null));
        } catch (ApiException.AlreadyExistsException e) {
            Node existing = nodes.get(facts.name());
            Map<String, String> merged = new HashMap<>(existing.metadata().labels() == null ? Map.of() : existing.metadata().labels());
            merged.putAll(labels);
            nodes.update(existing.withMetadata(existing.metadata().withLabels(merged)));
        }
        lastReport = Instant.MIN;
        sync();
    }

    /** Writes the status if it changed or is due; returns true if it wrote. */
    public synchronized boolean sync() throws Exception {
        Instant now = clock.instant();
        String version;
        String down = null;
        try {
            version = runtime.version();
        } catch (RuntimeException e) {
            version = null;
            down = "container runtime is down: " + e.getMessage();
        }
        Node node = nodes.get(facts.name());
        NodeStatus old = node.status();
        List<NodeCondition> conditions = new ArrayList<>();
        conditions.add(condition(old, "MemoryPressure", "False", "KubeletHasSufficientMemory", "kubelet has sufficient memory available", now));
        conditions.add(condition(old, "DiskPressure", "False", "KubeletHasNoDiskPressure", "kubelet has no disk pressure", now));
        conditions.add(condition(old, "PIDPressure", "False", "KubeletHasSufficientPID", "kubelet has sufficient PID available", now));
        conditions.add(down == null ? condition(old, "Ready", "True", "KubeletReady", "kubelet is posting ready status", now)
                : condition(old, "Ready", "False", "KubeletNotReady", down, now));
        String runtimeVersion = version != null ? version
                : old != null && old.nodeInfo() != null ? old.nodeInfo().containerRuntimeVersion() : "";
        NodeStatus status = new NodeStatus(facts.capacity(), facts.capacity(), null, conditions,
                List.of(new NodeAddress("InternalIP", facts.address()), new NodeAddress("Hostname", facts.name())),
                new NodeDaemonEndpoints(new DaemonEndpoint(facts.kubeletPort())),
                new NodeSystemInfo(null, null, null, System.getProperty("os.version"), "Tugboat", runtimeVersion,
                        "v1.32.0-tugboat", "", "linux", arch()));
        Object tree = Codec.toTree(withoutHeartbeats(status));
        boolean changed = old == null || !tree.equals(Codec.toTree(withoutHeartbeats(old))) || !tree.equals(lastWritten);
        if (!changed && Duration.between(lastReport, now).compareTo(reportInterval) < 0) {
            return false;
        }
        nodes.updateStatus(node.withStatus(status));
        lastReport = now;
        lastWritten = tree;
        return true;
    }

    private static NodeStatus withoutHeartbeats(NodeStatus s) {
        return s.withConditions(s.conditions() == null ? null : s.conditions().stream()
                .map(c -> new NodeCondition(c.type(), c.status(), null, c.lastTransitionTime(), c.reason(), c.message())).toList());
    }

    private static NodeCondition condition(NodeStatus old, String type, String status, String reason, String message, Instant now) {
        Instant transition = now;
        if (old != null && old.conditions() != null) {
            for (NodeCondition c : old.conditions()) {
                if (c.type().equals(type) && status.equals(c.status()) && c.lastTransitionTime() != null) {
                    transition = c.lastTransitionTime();
                }
            }
        }
        return new NodeCondition(type, status, now, transition, reason, message);
    }

    static String arch() {
        String arch = System.getProperty("os.arch");
        return switch (arch) {
            case "amd64", "x86_64" -> "amd64";
            case "aarch64" -> "arm64";
            default -> arch;
        };
    }
}
