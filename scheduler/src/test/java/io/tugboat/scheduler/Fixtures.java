package io.tugboat.scheduler;

import io.tugboat.api.Quantity;
import io.tugboat.api.core.Affinity;
import io.tugboat.api.core.Container;
import io.tugboat.api.core.ContainerPort;
import io.tugboat.api.core.Node;
import io.tugboat.api.core.NodeAffinity;
import io.tugboat.api.core.NodeCondition;
import io.tugboat.api.core.NodeSelector;
import io.tugboat.api.core.NodeSelectorRequirement;
import io.tugboat.api.core.NodeSelectorTerm;
import io.tugboat.api.core.NodeSpec;
import io.tugboat.api.core.NodeStatus;
import io.tugboat.api.core.Pod;
import io.tugboat.api.core.PodAffinity;
import io.tugboat.api.core.PodAffinityTerm;
import io.tugboat.api.core.PodAntiAffinity;
import io.tugboat.api.core.PodSpec;
import io.tugboat.api.core.PreferredSchedulingTerm;
import io.tugboat.api.core.ResourceRequirements;
import io.tugboat.api.core.Taint;
import io.tugboat.api.core.Toleration;
import io.tugboat.api.core.TopologySpreadConstraint;
import io.tugboat.api.core.WeightedPodAffinityTerm;
import io.tugboat.api.meta.LabelSelector;
import io.tugboat.api.meta.ObjectMeta;
import io.tugboat.api.meta.OwnerReference;
import io.tugboat.scheduler.framework.NodeInfo;
import io.tugboat.scheduler.framework.PodInfo;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Small builders for the pods and nodes of the scheduler's tests. */
public final class Fixtures {
    private Fixtures() {
    }

    public static PodBuilder pod(String name) {
        return new PodBuilder(name);
    }

    public static NodeBuilder node(String name) {
        return new NodeBuilder(name);
    }

    public static NodeInfo nodeInfo(Node node, Pod... pods) {
        NodeInfo info = NodeInfo.of(node);
        for (Pod p : pods) {
            info = info.withPod(PodInfo.of(p.withSpec(p.spec().withNodeName(node.metadata().name()))));
        }
        return info;
    }

    public static Map<String, String> labels(String... kv) {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    public static LabelSelector selector(String... kv) {
        return new LabelSelector(labels(kv), null);
    }

    public static PodAffinityTerm term(String topologyKey, String... kv) {
        return new PodAffinityTerm(selector(kv), null, topologyKey, null);
    }

    public static NodeSelectorTerm nodeTerm(String key, String operator, String... values) {
        return new NodeSelectorTerm(List.of(new NodeSelectorRequirement(key, operator, List.of(values))), null);
    }

    /** A pod under construction. */
    public static final class PodBuilder {
        private final String name;
        private String namespace = "default";
        private final Map<String, String> labels = new HashMap<>();
        private final List<OwnerReference> owners = new ArrayList<>();
        private final List<Container> containers = new ArrayList<>();
        private final List<Container> initContainers = new ArrayList<>();
        private final List<Toleration> tolerations = new ArrayList<>();
        private final List<TopologySpreadConstraint> spread = new ArrayList<>();
        private Map<String, String> nodeSelector;
        private NodeAffinity nodeAffinity;
        private PodAffinity podAffinity;
        private PodAntiAffinity podAntiAffinity;
        private Integer priority;
        private String nodeName;
        private String schedulerName;
        private Map<String, Quantity> overhead;

        PodBuilder(String name) {
            this.name = name;
        }

        public PodBuilder namespace(String ns) {
            this.namespace = ns;
            return this;
        }

        public PodBuilder label(String key, String value) {
            labels.put(key, value);
            return this;
        }

        public PodBuilder ownedBy(String kind, String uid) {
            owners.add(new OwnerReference("apps/v1", kind, uid, uid, true, true));
            return this;
        }

        /** A container requesting {@code cpu} and {@code memory} (either may be null). */
        public PodBuilder container(String cpu, String memory) {
            containers.add(container("c" + containers.size(), cpu, memory, null));
            return this;
        }

        public PodBuilder initContainer(String cpu, String memory) {
            initContainers.add(container("i" + initContainers.size(), cpu, memory, null));
            return this;
        }

        public PodBuilder hostPort(int port) {
            containers.add(container("p" + containers.size(), null, null,
                    List.of(new ContainerPort(null, port, port, "TCP", null))));
            return this;
        }

        public PodBuilder overhead(String cpu) {
            overhead = Map.of("cpu", Quantity.parse(cpu));
            return this;
        }

        public PodBuilder toleration(String key, String operator, String value, String effect) {
            tolerations.add(new Toleration(key, operator, value, effect, null));
            return this;
        }

        public PodBuilder nodeSelector(String... kv) {
            nodeSelector = labels(kv);
            return this;
        }

        public PodBuilder requiredNodeAffinity(NodeSelectorTerm... terms) {
            nodeAffinity = new NodeAffinity(new NodeSelector(List.of(terms)),
                    nodeAffinity == null ? null : nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution());
            return this;
        }

        public PodBuilder preferredNodeAffinity(int weight, NodeSelectorTerm term) {
            List<PreferredSchedulingTerm> preferred = new ArrayList<>();
            if (nodeAffinity != null && nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution() != null) {
                preferred.addAll(nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution());
            }
            preferred.add(new PreferredSchedulingTerm(weight, term));
            nodeAffinity = new NodeAffinity(nodeAffinity == null ? null : nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution(), preferred);
            return this;
        }

        public PodBuilder requiredAffinity(PodAffinityTerm term) {
            podAffinity = new PodAffinity(List.of(term), null);
            return this;
        }

        public PodBuilder preferredAffinity(int weight, PodAffinityTerm term) {
            podAffinity = new PodAffinity(null, List.of(new WeightedPodAffinityTerm(weight, term)));
            return this;
        }

        public PodBuilder requiredAntiAffinity(PodAffinityTerm term) {
            podAntiAffinity = new PodAntiAffinity(List.of(term), null);
            return this;
        }

        public PodBuilder preferredAntiAffinity(int weight, PodAffinityTerm term) {
            podAntiAffinity = new PodAntiAffinity(null, List.of(new WeightedPodAffinityTerm(weight, term)));
            return this;
        }

        public PodBuilder spread(int maxSkew, String topologyKey, String whenUnsatisfiable, String... selectorKv) {
            spread.add(new TopologySpreadConstraint(maxSkew, topologyKey, whenUnsatisfiable, selector(selectorKv),
                    null, null, null, null));
            return this;
        }

        public PodBuilder priority(int priority) {
            this.priority = priority;
            return this;
        }

        public PodBuilder nodeName(String nodeName) {
            this.nodeName = nodeName;
            return this;
        }

        public PodBuilder schedulerName(String schedulerName) {
            this.schedulerName = schedulerName;
            return this;
        }

        public Pod build() {
            List<Container> cs = containers.isEmpty() ? List.of(container("c", null, null, null)) : containers;
            ObjectMeta meta = new ObjectMeta(name, null, namespace, null, "uid-" + namespace + "-" + name, null, null,
                    null, null, null, labels.isEmpty() ? null : Map.copyOf(labels), null, owners.isEmpty() ? null : owners, null);
            Affinity affinity = nodeAffinity == null && podAffinity == null && podAntiAffinity == null ? null
                    : new Affinity(nodeAffinity, podAffinity, podAntiAffinity);
            PodSpec spec = new PodSpec(null, initContainers.isEmpty() ? null : initContainers, cs, null, null, null, null,
                    nodeSelector, null, null, null, nodeName, null, null, null, null, null, null, affinity, schedulerName,
                    tolerations.isEmpty() ? null : tolerations, null, priority, null, spread.isEmpty() ? null : spread, overhead);
            return Pod.of(meta, spec, null);
        }

        public PodInfo info() {
            return PodInfo.of(build());
        }

        private static Container container(String name, String cpu, String memory, List<ContainerPort> ports) {
            Map<String, Quantity> requests = new HashMap<>();
            if (cpu != null) {
                requests.put("cpu", Quantity.parse(cpu));
            }
            if (memory != null) {
                requests.put("memory", Quantity.parse(memory));
            }
            return new Container(name, "tugboat/busybox:1", null, null, null, ports, null, null,
                    requests.isEmpty() ? null : new ResourceRequirements(null, requests), null, null, null, null, null,
                    null, null, null, null, null, null);
        }
    }

    /** A node under construction: Ready, 4 CPUs, 8 GiB and 110 pods unless told otherwise. */
    public static final class NodeBuilder {
        private final String name;
        private String cpu = "4";
        private String memory = "8Gi";
        private String pods = "110";
        private final Map<String, String> labels = new HashMap<>();
        private final List<Taint> taints = new ArrayList<>();
        private Boolean unschedulable;
        private String ready = "True";

        NodeBuilder(String name) {
            this.name = name;
            labels.put("kubernetes.io/hostname", name);
        }

        public NodeBuilder capacity(String cpu, String memory, String pods) {
            this.cpu = cpu;
            this.memory = memory;
            this.pods = pods;
            return this;
        }

        public NodeBuilder label(String key, String value) {
            labels.put(key, value);
            return this;
        }

        public NodeBuilder taint(String key, String value, String effect) {
            taints.add(new Taint(key, value, effect, null));
            return this;
        }

        public NodeBuilder cordoned() {
            unschedulable = true;
            return this;
        }

        /** The Ready condition's status ({@code True}, {@code False}, {@code Unknown}, or null for none). */
        public NodeBuilder ready(String status) {
            ready = status;
            return this;
        }

        public Node build() {
            Map<String, Quantity> alloc = Map.of("cpu", Quantity.parse(cpu), "memory", Quantity.parse(memory),
                    "pods", Quantity.parse(pods));
            List<NodeCondition> conditions = ready == null ? null : List.of(new NodeCondition("Ready", ready, null, null, null, null));
            return Node.of(new ObjectMeta(name, null, null, null, "uid-" + name, null, null, null, null, null, Map.copyOf(labels),
                            null, null, null),
                    new NodeSpec(null, null, null, unschedulable, taints.isEmpty() ? null : taints),
                    new NodeStatus(alloc, alloc, null, conditions, null, null, null));
        }

        public NodeInfo info(Pod... podsOnNode) {
            return nodeInfo(build(), podsOnNode);
        }
    }
}
