package io.tugboat.apiserver.registry;

import io.tugboat.api.core.Pod;
import io.tugboat.api.core.Toleration;
import java.util.ArrayList;
import java.util.List;

/**
 * Kubernetes' DefaultTolerationSeconds admission: every new pod tolerates the
 * {@code node.kubernetes.io/not-ready:NoExecute} and {@code node.kubernetes.io/unreachable:NoExecute} taints
 * for a while (300 s unless configured), unless it already says how it tolerates them.
 *
 * <p>Those are the taints the node lifecycle controller puts on a node whose kubelet went silent or reports
 * NotReady. Without a toleration a pod would be evicted the moment a node hiccups; with it, a pod rides out
 * a short outage and is evicted (and replaced by its owner) only after the toleration runs out. A pod that
 * wants to leave sooner, or never, sets its own toleration for the key (or a wildcard one) and this step
 * leaves it alone. Applied on create only, as pods' tolerations are then fixed.
 *
 * @param notReadySeconds    {@code --default-not-ready-toleration-seconds}
 * @param unreachableSeconds {@code --default-unreachable-toleration-seconds}
 */
public record DefaultTolerationSeconds(long notReadySeconds, long unreachableSeconds) {
    public static final String NOT_READY = "node.kubernetes.io/not-ready";
    public static final String UNREACHABLE = "node.kubernetes.io/unreachable";

    /** kube-apiserver's defaults: 300 s for both. */
    public static DefaultTolerationSeconds defaults() {
        return new DefaultTolerationSeconds(300, 300);
    }

    /** The pod with the default tolerations added where it has none of its own for the taint. */
    public Pod admit(Pod pod) {
        if (pod.spec() == null) {
            return pod;
        }
        List<Toleration> tolerations = pod.spec().tolerations() == null ? List.of() : pod.spec().tolerations();
        boolean notReady = tolerations.stream().anyMatch(t -> covers(t, NOT_READY));
        boolean unreachable = tolerations.stream().anyMatch(t -> covers(t, UNREACHABLE));
        if (notReady && unreachable) {
            return pod;
        }
        List<Toleration> result = new ArrayList<>(tolerations);
        if (!notReady) {
            result.add(new Toleration(NOT_READY, "Exists", null, "NoExecute", notReadySeconds));
        }
        if (!unreachable) {
            result.add(new Toleration(UNREACHABLE, "Exists", null, "NoExecute", unreachableSeconds));
        }
        return pod.withSpec(pod.spec().withTolerations(result));
    }

    /** As Kubernetes checks it: the key is the taint's or empty, the effect NoExecute or empty. */
    private static boolean covers(Toleration toleration, String key) {
        boolean keyMatches = toleration.key() == null || toleration.key().isEmpty() || key.equals(toleration.key());
        boolean effectMatches = toleration.effect() == null || toleration.effect().isEmpty() || "NoExecute".equals(toleration.effect());
        return keyMatches && effectMatches;
    }
}
