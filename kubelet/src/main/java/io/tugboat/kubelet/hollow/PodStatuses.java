package io.tugboat.kubelet.hollow;

import io.tugboat.api.core.Container;
import io.tugboat.api.core.ContainerState;
import io.tugboat.api.core.ContainerStateRunning;
import io.tugboat.api.core.ContainerStateTerminated;
import io.tugboat.api.core.ContainerStatus;
import io.tugboat.api.core.HostIP;
import io.tugboat.api.core.Pod;
import io.tugboat.api.core.PodCondition;
import io.tugboat.api.core.PodIP;
import io.tugboat.api.core.PodStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The statuses a hollow kubelet reports, as pure functions: what a pod that runs looks like, what a rejected pod
 * looks like, and whether the status the API server holds already says so (so that a pod is written once, not on
 * every event).
 */
final class PodStatuses {
    /** Conditions the kubelet owns; others (PodScheduled, set by the binding) are carried over. */
    private static final Set<String> KUBELET_CONDITIONS = Set.of("PodReadyToStartContainers", "Initialized",
            "ContainersReady", "Ready");

    private PodStatuses() {
    }

    /**
     * A running pod: phase Running, every kubelet condition True since the start, its addresses, every container
     * running and ready (init containers terminated with Completed).
     */
    static PodStatus running(Pod pod, HollowRuntime.RunningPod run) {
        Instant started = run.startedAt();
        List<PodCondition> conditions = carriedOver(pod);
        for (String type : List.of("PodReadyToStartContainers", "Initialized", "Ready", "ContainersReady")) {
            conditions.add(new PodCondition(type, "True", null, started, null, null));
        }
        List<ContainerStatus> initStatuses = new ArrayList<>();
        for (Container init : nullToEmpty(pod.spec().initContainers())) {
            ContainerStateTerminated done = new ContainerStateTerminated(0, null, "Completed", null, started, started,
                    run.containerId(init.name()));
            initStatuses.add(new ContainerStatus(init.name(), new ContainerState(null, null, done), null, true, 0,
                    init.image(), imageId(init), run.containerId(init.name()), false));
        }
        List<ContainerStatus> statuses = new ArrayList<>();
        for (Container container : nullToEmpty(pod.spec().containers())) {
            statuses.add(new ContainerStatus(container.name(),
                    new ContainerState(null, new ContainerStateRunning(started), null), null, true, 0,
                    container.image(), imageId(container), run.containerId(container.name()), true));
        }
        String hostIp = NodeTemplate.hostIp(run.node());
        String podIp = run.podIp();
        return new PodStatus("Running", conditions, null, null, hostIp, List.of(new HostIP(hostIp)), podIp,
                List.of(new PodIP(podIp)), started, initStatuses, statuses, qosClass(pod));
    }

    /** A pod the node refused at admission: Failed with the runtime's reason and message, as the kubelet does. */
    static PodStatus rejected(Pod pod, HollowRuntime.Rejected rejection) {
        return new PodStatus("Failed", carriedOver(pod), rejection.message(), rejection.reason(), null, null, null, null,
                null, null, null, qosClass(pod));
    }

    /**
     * Whether {@code observed} already shows what {@code desired} says: same phase, reason, addresses, readiness
     * and container count. Timestamps are not compared: they are the same by construction, and the server may
     * store them at a coarser precision.
     */
    static boolean upToDate(PodStatus observed, PodStatus desired) {
        return observed != null
                && Objects.equals(observed.phase(), desired.phase())
                && Objects.equals(observed.reason(), desired.reason())
                && Objects.equals(observed.podIP(), desired.podIP())
                && Objects.equals(observed.hostIP(), desired.hostIP())
                && Objects.equals(ready(observed), ready(desired))
                && nullToEmpty(observed.containerStatuses()).size() == nullToEmpty(desired.containerStatuses()).size();
    }

    private static String ready(PodStatus status) {
        return nullToEmpty(status.conditions()).stream().filter(c -> "Ready".equals(c.type()))
                .map(PodCondition::status).findFirst().orElse(null);
    }

    private static List<PodCondition> carriedOver(Pod pod) {
        List<PodCondition> kept = new ArrayList<>();
        if (pod.status() != null) {
            for (PodCondition condition : nullToEmpty(pod.status().conditions())) {
                if (!KUBELET_CONDITIONS.contains(condition.type())) {
                    kept.add(condition);
                }
            }
        }
        return kept;
    }

    private static String qosClass(Pod pod) {
        return pod.status() == null ? null : pod.status().qosClass();
    }

    private static String imageId(Container container) {
        return "fake://" + container.image();
    }

    private static <T> List<T> nullToEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }
}
