package io.tugboat.kubelet.network;

import java.util.Map;

/**
 * The Docker bridge network a node's pods attach to: one per node, its subnet the Node's {@code spec.podCIDR}.
 *
 * @param name    the Docker network's name, {@code tugboat-<node>}
 * @param subnet  the node's pod range, e.g. {@code 10.244.1.0/24}
 * @param gateway the bridge's own address, the range's first ({@code 10.244.1.1}): the pods' default route, and
 *                the address node-local services (cluster DNS) listen on
 * @param device  the Linux bridge device's name ({@code ip link} shows it), at most 15 characters
 * @param labels  the network's labels: Tugboat's mark and the node's name, so {@code tug down} finds it
 */
public record PodBridge(String name, Ipv4Cidr subnet, String gateway, String device, Map<String, String> labels) {
    /** Label on every pod network Tugboat creates. */
    public static final String POD_NETWORK_LABEL = "io.tugboat.pod-network";
    /** Label naming the network's node (the same key the kubelet puts on its containers). */
    public static final String NODE_LABEL = "io.tugboat.node";
    /** Linux limits interface names to 15 characters (IFNAMSIZ - 1). */
    public static final int MAX_DEVICE_NAME = 15;

    public PodBridge {
        labels = Map.copyOf(labels);
        if (device.length() > MAX_DEVICE_NAME) {
            throw new IllegalArgumentException("bridge device name longer than 15 characters: " + device);
        }
    }

    /**
     * The bridge of node {@code node} with pod range {@code subnet}. The device name is {@code tug-} and eight hex
     * digits of a hash of the node name: node names are up to 253 characters, device names 15.
     */
    public static PodBridge forNode(String node, Ipv4Cidr subnet) {
        return new PodBridge(networkName(node), subnet, subnet.host(1), deviceName(node),
                Map.of(POD_NETWORK_LABEL, "true", NODE_LABEL, node));
    }

    /** {@code tugboat-<node>}. */
    public static String networkName(String node) {
        return "tugboat-" + node;
    }

    static String deviceName(String node) {
        // FNV-1a: stable across JVMs and versions (String.hashCode is too, but is easier to collide by hand).
        int hash = 0x811c9dc5;
        for (byte b : node.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
            hash = (hash ^ (b & 0xff)) * 0x01000193;
        }
        return String.format("tug-%08x", hash);
    }
}
