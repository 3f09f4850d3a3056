package io.tugboat.scheduler.framework;

import io.tugboat.api.core.Affinity;
import io.tugboat.api.core.Container;
import io.tugboat.api.core.ContainerPort;
import io.tugboat.api.core.Pod;
import io.tugboat.api.core.PodAffinityTerm;
import io.tugboat.api.core.WeightedPodAffinityTerm;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import io.tugboat.api.meta.OwnerReference;

/**
 * A pod with what the scheduler needs from it computed once: its requests, host ports and parsed affinity terms.
 * Built when a pod enters the queue or the cache, so that filtering a thousand nodes does not re-parse the spec a
 * thousand times. Immutable.
 */
public final class PodInfo {
    private static final Set<String> SPREAD_OWNERS = Set.of("ReplicaSet", "StatefulSet", "ReplicationController");
    private final Pod pod;
    private final Resources requests;
    private final Resources nonZeroRequests;
    private final List<HostPort> hostPorts;
    private final List<AffinityTerm> requiredAffinity;
    private final List<AffinityTerm> requiredAntiAffinity;
    private final List<AffinityTerm> preferredAffinity;
    private final List<AffinityTerm> preferredAntiAffinity;
    private final NodeAffinityMatcher nodeAffinity;
    private final String controllerUid;

    private PodInfo(Pod pod) {
        this.pod = pod;
        this.requests = Resources.requestsOf(pod);
        this.nonZeroRequests = Resources.nonZeroRequestsOf(pod);
        this.hostPorts = hostPorts(pod);
        this.nodeAffinity = NodeAffinityMatcher.of(pod);
        this.controllerUid = controllerUid(pod);
        Affinity affinity = pod.spec() == null ? null : pod.spec().affinity();
        String ns = namespace();
        if (affinity != null && affinity.podAffinity() != null) {
            requiredAffinity = required(affinity.podAffinity().requiredDuringSchedulingIgnoredDuringExecution(), ns);
            preferredAffinity = preferred(affinity.podAffinity().preferredDuringSchedulingIgnoredDuringExecution(), ns);
        } else {
            requiredAffinity = List.of();
            preferredAffinity = List.of();
        }
        if (affinity != null && affinity.podAntiAffinity() != null) {
            requiredAntiAffinity = required(affinity.podAntiAffinity().requiredDuringSchedulingIgnoredDuringExecution(), ns);
            preferredAntiAffinity = preferred(affinity.podAntiAffinity().preferredDuringSchedulingIgnoredDuringExecution(), ns);
        } else {
            requiredAntiAffinity = List.of();
            preferredAntiAffinity = List.of();
        }
    }

    public static PodInfo of(Pod pod) {
        return new PodInfo(pod);
    }

    public Pod pod() {
        return pod;
    }

    public String uid() {
        return pod.metadata().uid();
    }

    public String namespace() {
        return pod.metadata().namespace();
    }

    /** {@code namespace/name}, as in events and logs. */
    public String key() {
        return pod.metadata().namespace() + "/" + pod.metadata().name();
    }

    public Map<String, String> labels() {
        Map<String, String> labels = pod.metadata().labels();
        return labels == null ? Map.of() : labels;
    }

    /** {@code spec.priority}, 0 when unset (no priority classes in Tugboat: the admission plugin is not there). */
    public int priority() {
        return pod.spec() == null || pod.spec().priority() == null ? 0 : pod.spec().priority();
    }

    /** {@code spec.nodeName}, or {@code null}. */
    public String nodeName() {
        return pod.spec() == null ? null : pod.spec().nodeName();
    }

    public Resources requests() {
        return requests;
    }

    public Resources nonZeroRequests() {
        return nonZeroRequests;
    }

    public List<HostPort> hostPorts() {
        return hostPorts;
    }

    public List<AffinityTerm> requiredAffinity() {
        return requiredAffinity;
    }

    public List<AffinityTerm> requiredAntiAffinity() {
        return requiredAntiAffinity;
    }

    public List<AffinityTerm> preferredAffinity() {
        return preferredAffinity;
    }

    public List<AffinityTerm> preferredAntiAffinity() {
        return preferredAntiAffinity;
    }

    /**
     * The uid of the ReplicaSet, StatefulSet or ReplicationController that controls the pod (its controller
     * ownerReference), or {@code null}: the group Kubernetes' default spreading spreads.
     */
    public String controllerUid() {
        return controllerUid;
    }

    /** The pod's nodeSelector and node affinity, parsed. */
    public NodeAffinityMatcher nodeAffinity() {
        return nodeAffinity;
    }

    /** Whether the pod has any pod affinity or anti-affinity term, required or preferred. */
    public boolean hasAffinity() {
        return !requiredAffinity.isEmpty() || !requiredAntiAffinity.isEmpty()
                || !preferredAffinity.isEmpty() || !preferredAntiAffinity.isEmpty();
    }

    @Override
    public String toString() {
        return key();
    }

    private static String controllerUid(Pod pod) {
        if (pod.metadata().ownerReferences() != null) {
            for (OwnerReference r : pod.metadata().ownerReferences()) {
                if (Boolean.TRUE.equals(r.controller()) && SPREAD_OWNERS.contains(r.kind())) {
                    return r.uid();
                }
            }
        }
        return null;
    }

    private static List<HostPort> hostPorts(Pod pod) {
        if (pod.spec() == null || pod.spec().containers() == null) {
            return List.of();
        }
        List<HostPort> ports = new ArrayList<>();
        for (Container c : pod.spec().containers()) {
            if (c.ports() == null) {
                continue;
            }
            for (ContainerPort p : c.ports()) {
                if (p.hostPort() != null && p.hostPort() > 0) {
                    ports.add(HostPort.of(p.hostIP(), p.protocol(), p.hostPort()));
                }
            }
        }
        return List.copyOf(ports);
    }

    private static List<AffinityTerm> required(List<PodAffinityTerm> terms, String ns) {
        if (terms == null) {
            return List.of();
        }
        return terms.stream().map(t -> AffinityTerm.of(t, ns, 0)).toList();
    }

    private static List<AffinityTerm> preferred(List<WeightedPodAffinityTerm> terms, String ns) {
        if (terms == null) {
            return List.of();
        }
        return terms.stream().filter(t -> t.podAffinityTerm() != null)
                .map(t -> AffinityTerm.of(t.podAffinityTerm(), ns, t.weight() == null ? 0 : t.weight())).toList();
    }
}
