package io.tugboat.scheduler.plugins.podtopologyspread;

import io.tugboat.api.core.Pod;
import io.tugboat.api.core.TopologySpreadConstraint;
import io.tugboat.api.labels.Operator;
import io.tugboat.api.labels.Requirement;
import io.tugboat.api.labels.Selector;
import io.tugboat.api.meta.OwnerReference;
import io.tugboat.scheduler.framework.AffinityTerm;
import io.tugboat.scheduler.framework.NodeInfo;
import io.tugboat.scheduler.framework.PodInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * One spread constraint, ready to count with: which pods form the group ({@code selects}), over which node label,
 * how uneven it may get, and whether that is a filter ({@code DoNotSchedule}) or a preference.
 * Pods count only in the incoming pod's namespace and while not terminating, as in Kubernetes.
 *
 * <p>{@code controllerUid} is set for the default constraints: the group is "pods of that controller", counted
 * from per-node counts instead of testing each pod.
 */
record Constraint(int maxSkew, String topologyKey, boolean hard, Predicate<PodInfo> selects, String controllerUid) {
    static final String HOSTNAME = "kubernetes.io/hostname";
    static final String ZONE = "topology.kubernetes.io/zone";

    /** The pod's own constraints, or Kubernetes' system defaults when it has none (possibly none at all). */
    static List<Constraint> of(PodInfo pod) {
        List<TopologySpreadConstraint> own = pod.pod().spec().topologySpreadConstraints();
        if (own != null && !own.isEmpty()) {
            List<Constraint> out = new ArrayList<>();
            for (TopologySpreadConstraint c : own) {
                Selector selector = AffinityTerm.selector(c.labelSelector());
                if (c.matchLabelKeys() != null) {
                    for (String key : c.matchLabelKeys()) {
                        String value = pod.labels().get(key);
                        if (value != null) {
                            selector = selector.and(new Requirement(key, Operator.EQUALS, value));
                        }
                    }
                }
                Selector s = selector;
                out.add(new Constraint(c.maxSkew() == null ? 1 : c.maxSkew(), c.topologyKey(),
                        !"ScheduleAnyway".equals(c.whenUnsatisfiable()),
                        p -> sameNamespaceAndLive(pod, p) && s.matches(p.labels()), null));
            }
            return out;
        }
        return defaults(pod);
    }

    /**
     * Kubernetes' system default constraints — {@code hostname} with maxSkew 3 and {@code zone} with maxSkew 5, both
     * {@code ScheduleAnyway} — for a pod that belongs to a ReplicaSet, StatefulSet or ReplicationController. The
     * group is the pods of the same controller (Kubernetes selects them with the controller's selector, and also
     * groups pods of a Service; Tugboat groups by the controller's ownerReference and ignores Services).
     */
    static List<Constraint> defaults(PodInfo pod) {
        String owner = pod.controllerUid();
        if (owner == null) {
            return List.of();
        }
        Predicate<PodInfo> sameOwner = p -> sameNamespaceAndLive(pod, p) && owner.equals(p.controllerUid());
        return List.of(new Constraint(3, HOSTNAME, false, sameOwner, owner), new Constraint(5, ZONE, false, sameOwner, owner));
    }

    /** The node's value for this constraint's key, or {@code null}. */
    String domainOf(NodeInfo node) {
        return node.labels().get(topologyKey);
    }

    /** How many pods of the group are on {@code node}. */
    int countOn(NodeInfo node) {
        if (controllerUid != null) {
            return node.podsOfController(controllerUid); // precomputed per node: default spreading is cheap
        }
        int n = 0;
        for (PodInfo p : node.pods()) {
            if (selects.test(p)) {
                n++;
            }
        }
        return n;
    }

    static boolean hasAllKeys(NodeInfo node, List<Constraint> constraints) {
        Map<String, String> labels = node.labels();
        for (Constraint c : constraints) {
            if (!labels.containsKey(c.topologyKey)) {
                return false;
            }
        }
        return true;
    }

    private static boolean sameNamespaceAndLive(PodInfo pod, PodInfo other) {
        return other.pod().metadata().deletionTimestamp() == null && java.util.Objects.equals(pod.namespace(), other.namespace());
    }

}
