package io.tugboat.kubelet.pod;

import io.tugboat.api.core.Pod;
import io.tugboat.kubelet.runtime.ContainerInfo;
import java.util.HashMap;
import java.util.Map;

/**
 * The labels that make a Docker container a pod's container — the kubelet's only memory across restarts.
 *
 * <p>Several kubelets (say, three "nodes" in tests) may share one Docker engine, so every label query includes
 * {@link #NODE}: a kubelet never sees, let alone touches, another node's containers. The attempt label is the
 * container's restart count: attempt 3 is the fourth run, so a restarted kubelet reads restart counts back from the
 * containers it finds. Names follow dockershim: {@code k8s_<container>_<pod>_<namespace>_<uid>_<attempt>}.
 */
public final class ContainerLabels {
    public static final String NODE = "io.tugboat.node";
    public static final String POD_UID = "io.kubernetes.pod.uid";
    public static final String POD_NAMESPACE = "io.kubernetes.pod.namespace";
    public static final String POD_NAME = "io.kubernetes.pod.name";
    public static final String CONTAINER_NAME = "io.kubernetes.container.name";
    public static final String ATTEMPT = "io.tugboat.attempt";
    /** On app containers: the id of the sandbox whose namespaces they joined. */
    public static final String SANDBOX_ID = "io.tugboat.sandbox";
    /** The name used for the sandbox container, as in Kubernetes. */
    public static final String SANDBOX = "POD";

    private ContainerLabels() {
    }

    /** The labels of one container of {@code pod} on {@code node}. */
    public static Map<String, String> of(String node, Pod pod, String container, int attempt) {
        Map<String, String> labels = new HashMap<>(ofNode(node));
        labels.put(POD_UID, pod.metadata().uid());
        labels.put(POD_NAMESPACE, pod.metadata().namespace());
        labels.put(POD_NAME, pod.metadata().name());
        labels.put(CONTAINER_NAME, container);
        labels.put(ATTEMPT, Integer.toString(attempt));
        return labels;
    }

    /** The label selecting every container of {@code node}. */
    public static Map<String, String> ofNode(String node) {
        return Map.of(NODE, node);
    }

    /** The engine-wide unique name of a container. */
    public static String containerName(Pod pod, String container, int attempt) {
        return "k8s_" + container + "_" + pod.metadata().name() + "_" + pod.metadata().namespace() + "_"
                + pod.metadata().uid() + "_" + attempt;
    }

    public static int attempt(ContainerInfo c) {
        try {
            return Integer.parseInt(c.labels().getOrDefault(ATTEMPT, "0"));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    public static String containerName(ContainerInfo c) {
        return c.labels().getOrDefault(CONTAINER_NAME, "");
    }

    /** {@code namespace/name} of the pod a container belongs to (the pod worker's key). */
    public static String podKey(Map<String, String> labels) {
        return labels.get(POD_NAMESPACE) + "/" + labels.get(POD_NAME);
    }
}
