package io.tugboat.kubelet.network;

import io.tugboat.api.core.Node;
import io.tugboat.api.core.NodeAddress;
import io.tugboat.api.core.NodeSpec;
import io.tugboat.api.core.NodeStatus;
import io.tugboat.api.labels.Selector;
import io.tugboat.api.meta.ObjectMeta;
import io.tugboat.client.informer.Lister;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Node objects and a Node lister for the network tests. */
final class Nodes {
    private Nodes() {
    }

    /** A Node with {@code spec.podCIDR} and an InternalIP; either may be null. */
    static Node node(String name, String podCidr, String internalIp) {
        ObjectMeta meta = new ObjectMeta(name, null, null, null, null, null, null, null, null, null, null, null, null, null);
        List<NodeAddress> addresses = new ArrayList<>();
        if (internalIp != null) {
            addresses.add(new NodeAddress("InternalIP", internalIp));
        }
        addresses.add(new NodeAddress("Hostname", name));
        return Node.of(meta, new NodeSpec(podCidr, podCidr == null ? null : List.of(podCidr), null, null, null),
                new NodeStatus(null, null, null, null, addresses, null, null));
    }

    /** A lister over a list the test may change. */
    static final class ListLister implements Lister<Node> {
        final List<Node> nodes = new ArrayList<>();

        @Override
        public Optional<Node> get(String namespace, String name) {
            return nodes.stream().filter(n -> n.metadata().name().equals(name)).findFirst();
        }

        @Override
        public List<Node> list(Selector selector) {
            return List.copyOf(nodes);
        }

        @Override
        public List<Node> list(String namespace, Selector selector) {
            return List.copyOf(nodes);
        }

        @Override
        public List<Node> byIndex(String indexName, String indexedValue) {
            throw new IllegalArgumentException("no index " + indexName);
        }
    }
}
