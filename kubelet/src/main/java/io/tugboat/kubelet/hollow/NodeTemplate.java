package io.tugboat.kubelet.hollow;

import io.tugboat.api.Quantity;
import io.tugboat.api.core.DaemonEndpoint;
import io.tugboat.api.core.Node;
import io.tugboat.api.core.NodeAddress;
import io.tugboat.api.core.NodeCondition;
import io.tugboat.api.core.NodeDaemonEndpoints;
import io.tugboat.api.core.NodeSpec;
import io.tugboat.api.core.NodeStatus;
import io.tugboat.api.core.NodeSystemInfo;
import io.tugboat.api.meta.ObjectMeta;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Node object a hollow kubelet registers, and the fake addresses it uses — all pure functions of the fleet's
 * configuration and the node's number, so that a restarted fleet registers exactly the same nodes.
 *
 * <pre>
 *   node i  name      prefix + i, zero-padded        hollow-0042
 *           address   10.64.0.0/10, offset i+1        10.64.0.43
 *           pod range 10.(128 + i/256).(i%256).0/24   10.128.42.0/24
 * </pre>
 */
public final class NodeTemplate {
    /** Label every hollow node carries, so they can be told apart and deleted together. */
    public static final String HOLLOW_LABEL = "node.tugboat.io/hollow";
    /** The kubelet's port; a hollow node serves nothing there, so {@code kubectl logs} fails as for a dead node. */
    static final int KUBELET_PORT = 10250;

    private final HollowNodesConfig config;
    private final int width;

    public NodeTemplate(HollowNodesConfig config) {
        this.config = config;
        this.width = Math.max(4, Integer.toString(config.count() - 1).length());
    }

    public HollowNodesConfig config() {
        return config;
    }

    /** The name of node number {@code index}. */
    public String name(int index) {
        return config.namePrefix() + String.format("%0" + width + "d", index);
    }

    /** The node's InternalIP, which is also the hostIP of its pods. */
    public static String hostIp(int index) {
        return ipv4((10 << 24) | (64 << 16), index + 1);
    }

    /** The node's pod range. */
    public static String podCidr(int index) {
        return ipv4((10 << 24) | ((128 + index / 256) << 16) | ((index % 256) << 8), 0) + "/24";
    }

    /** Pod address number {@code slot} (1 to 254) in the node's range. */
    public static String podIp(int index, int slot) {
        return ipv4((10 << 24) | ((128 + index / 256) << 16) | ((index % 256) << 8), slot);
    }

    /** The Node to register for number {@code index}: Ready at {@code now}, with the fleet's sizes and spread. */
    public Node node(int index, Instant now) {
        String name = name(index);
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("kubernetes.io/hostname", name);
        labels.put("kubernetes.io/os", "linux");
        labels.put("kubernetes.io/arch", "amd64");
        labels.put(HOLLOW_LABEL, "true");
        labels.putAll(config.spread().labelsFor(index));
        ObjectMeta meta = new ObjectMeta(name, null, null, null, null, null, null, null, null, null, labels, null, null, null);
        String cidr = podCidr(index);
        NodeSpec spec = new NodeSpec(cidr, List.of(cidr), null, null, config.spread().taintsFor(index));
        return Node.of(meta, spec, status(index, now));
    }

    /** The node's status as its kubelet reports it at {@code now}: every condition healthy, heartbeat now. */
    public NodeStatus status(int index, Instant now) {
        Map<String, Quantity> resources = new LinkedHashMap<>();
        resources.put("cpu", config.cpu());
        resources.put("memory", config.memory());
        resources.put("pods", Quantity.ofDecimal(config.maxPods()));
        // Reasons and messages as the kubelet sets them (pkg/kubelet/nodestatus/setters.go).
        List<NodeCondition> conditions = List.of(
                condition("MemoryPressure", "False", now, "KubeletHasSufficientMemory", "kubelet has sufficient memory available"),
                condition("DiskPressure", "False", now, "KubeletHasNoDiskPressure", "kubelet has no disk pressure"),
                condition("PIDPressure", "False", now, "KubeletHasSufficientPID", "kubelet has sufficient PID available"),
                condition("Ready", "True", now, "KubeletReady", "kubelet is posting ready status"));
        List<NodeAddress> addresses = List.of(new NodeAddress("InternalIP", hostIp(index)),
                new NodeAddress("Hostname", name(index)));
        NodeSystemInfo info = new NodeSystemInfo("hollow-" + index, "hollow-" + index, "hollow", "hollow",
                "Tugboat hollow node", "fake://0.1.0", "v1.32.0-tugboat", "", "linux", "amd64");
        return new NodeStatus(resources, resources, null, conditions, addresses,
                new NodeDaemonEndpoints(new DaemonEndpoint(KUBELET_PORT)), info);
    }

    private static NodeCondition condition(String type, String status, Instant now, String reason, String message) {
        return new NodeCondition(type, status, now, now, reason, message);
    }

    private static String ipv4(int base, int offset) {
        int ip = base + offset;
        return (ip >>> 24) + "." + ((ip >>> 16) & 255) + "." + ((ip >>> 8) & 255) + "." + (ip & 255);
    }
}
