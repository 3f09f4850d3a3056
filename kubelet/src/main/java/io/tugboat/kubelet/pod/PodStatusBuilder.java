package io.tugboat.kubelet.pod;

import io.tugboat.api.core.Container;
import io.tugboat.api.core.ContainerState;
import io.tugboat.api.core.ContainerStateRunning;
import io.tugboat.api.core.ContainerStateTerminated;
import io.tugboat.api.core.ContainerStateWaiting;
import io.tugboat.api.core.ContainerStatus;
import io.tugboat.api.core.HostIP;
import io.tugboat.api.core.Pod;
import io.tugboat.api.core.PodCondition;
import io.tugboat.api.core.PodIP;
import io.tugboat.api.core.PodStatus;
import io.tugboat.kubelet.runtime.ContainerInfo;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Turns observed containers into a pod's status, as the kubelet's {@code generateAPIPodStatus} and
 * {@code getPhase} do ({@code pkg/kubelet/kubelet_pods.go}). Pure: same inputs, same status.
 *
 * <p>The phase:
 * <pre>
 *   Pending ──every container started──▶ Running ──all exited, none will restart──▶ Succeeded (all exit 0)
 *      │                                                                         └─▶ Failed (any other exit)
 *      └── init container failed under restartPolicy Never ──▶ Failed
 * </pre>
 * A container waiting to be restarted counts as "stopped", not "waiting", so a crash-looping pod stays Running.
 */
public final class PodStatusBuilder {
    /** Prefix of {@code containerID}s, telling clients which runtime ran the container. */
    public static final String CONTAINER_ID_PREFIX = "docker://";

    private PodStatusBuilder() {
    }

    /**
     * @param waiting containers' waiting reasons decided by the planner or met while starting them
     * @param ready   ids of running containers whose readiness probe passes (or that have none)
     * @param started ids of running containers whose startup probe passed (or that have none)
     */
    public static PodStatus build(Pod pod, PodObservation observed, Map<String, PodActions.Waiting> waiting,
                                  Set<String> ready, Set<String> started, String hostIP, Instant now) {
        PodStatus old = pod.status() != null ? pod.status()
                : new PodStatus(null, null, null, null, null, null, null, null, null, null, null, null);
        List<Container> inits = pod.spec().initContainers() == null ? List.of() : pod.spec().initContainers();
        List<Container> apps = pod.spec().containers() == null ? List.of() : pod.spec().containers();
        String policy = PodPlanner.restartPolicy(pod);

        List<ContainerStatus> initStatuses = new ArrayList<>();
        for (Container c : inits) {
            initStatuses.add(containerStatus(c, observed, waiting, ready, started, "PodInitializing"));
        }
        boolean initialized = initStatuses.stream().allMatch(s -> s.state().terminated() != null && s.state().terminated().exitCode() == 0);
        List<ContainerStatus> appStatuses = new ArrayList<>();
        for (Container c : apps) {
            appStatuses.add(containerStatus(c, observed, waiting, ready, started, initialized ? "ContainerCreating" : "PodInitializing"));
        }
        String phase = phase(policy, initStatuses, appStatuses);

        List<String> unready = appStatuses.stream().filter(s -> !Boolean.TRUE.equals(s.ready())).map(ContainerStatus::name).toList();
        List<String> incomplete = initStatuses.stream().filter(s -> s.state().terminated() == null
                || s.state().terminated().exitCode() != 0).map(ContainerStatus::name).toList();
        boolean completed = phase.equals("Succeeded");
        List<PodCondition> conditions = new ArrayList<>();
        conditions.add(condition(old, "PodScheduled", true, null, null, now));
        conditions.add(condition(old, "Initialized", initialized || completed, initialized || completed ? (completed ? "PodCompleted" : null)
                : "ContainersNotInitialized", "containers with incomplete status: " + names(incomplete), now));
        boolean allReady = unready.isEmpty() && !completed;
        String reason = completed ? "PodCompleted" : "ContainersNotReady";
        String message = "containers with unready status: " + names(unready);
        conditions.add(condition(old, "ContainersReady", allReady, reason, message, now));
        conditions.add(condition(old, "Ready", allReady, reason, message, now));

        String podIP = Boolean.TRUE.equals(pod.spec().hostNetwork()) ? hostIP
                : observed.runningSandbox().map(ContainerInfo::ipAddress).filter(ip -> !ip.isEmpty()).orElse(old.podIP());
        return new PodStatus(phase, conditions, null, null, hostIP, hostIP == null ? null : List.of(new HostIP(hostIP)),
                podIP, podIP == null ? null : List.of(new PodIP(podIP)), old.startTime() != null ? old.startTime() : now,
                inits.isEmpty() ? null : initStatuses, appStatuses, old.qosClass() != null ? old.qosClass() : qosClass(pod));
    }

    /** Kubernetes' {@code getPhase}. */
    static String phase(String policy, List<ContainerStatus> inits, List<ContainerStatus> apps) {
        for (ContainerStatus s : inits) {
            ContainerStateTerminated t = s.state().terminated();
            if (t != null && t.exitCode() != 0 && "Never".equals(policy)) {
                return "Failed";
            }
            if (t == null || t.exitCode() != 0) {
                return "Pending";
            }
        }
        int running = 0, waiting = 0, stopped = 0, succeeded = 0;
        for (ContainerStatus s : apps) {
            if (s.state().running() != null) {
                running++;
            } else if (s.state().terminated() != null) {
                stopped++;
                if (s.state().terminated().exitCode() == 0) {
                    succeeded++;
                }
            } else if (s.lastState() != null && s.lastState().terminated() != null) {
                stopped++;
            } else {
                waiting++;
            }
        }
        if (waiting > 0 || apps.isEmpty()) {
            return "Pending";
        }
        if (running > 0) {
            return "Running";
        }
        if ("Always".equals(policy)) {
            return "Running";
        }
        if (stopped == succeeded) {
            return "Succeeded";
        }
        return "Never".equals(policy) ? "Failed" : "Running";
    }

    private static ContainerStatus containerStatus(Container spec, PodObservation observed, Map<String, PodActions.Waiting> waiting,
                                                   Set<String> ready, Set<String> started, String defaultWaiting) {
        Optional<ContainerInfo> latest = observed.latest(spec.name());
        Optional<ContainerInfo> previous = observed.previous(spec.name());
        PodActions.Waiting why = waiting.get(spec.name());
        if (latest.isEmpty() || latest.get().state() == ContainerInfo.State.CREATED) {
            PodActions.Waiting w = why != null ? why : new PodActions.Waiting(defaultWaiting, null);
            int restarts = latest.map(ContainerLabels::attempt).orElse(0);
            return new ContainerStatus(spec.name(), new ContainerState(new ContainerStateWaiting(w.reason(), w.message()), null, null),
                    previous.map(PodStatusBuilder::terminated).orElse(new ContainerState(null, null, null)), false, restarts,
                    spec.image(), "", null, false);
        }
        ContainerInfo c = latest.get();
        String id = CONTAINER_ID_PREFIX + c.id();
        int restarts = ContainerLabels.attempt(c);
        String imageId = c.imageId() == null ? "" : CONTAINER_ID_PREFIX + c.imageId();
        if (c.running()) {
            ContainerState lastState = previous.map(PodStatusBuilder::terminated).orElse(new ContainerState(null, null, null));
            return new ContainerStatus(spec.name(), new ContainerState(null, new ContainerStateRunning(c.startedAt()), null), lastState,
                    ready.contains(c.id()), restarts, spec.image(), imageId, id, started.contains(c.id()));
        }
        if (why != null) {
            return new ContainerStatus(spec.name(), new ContainerState(new ContainerStateWaiting(why.reason(), why.message()), null, null),
                    terminated(c), false, restarts, spec.image(), imageId, id, false);
        }
        return new ContainerStatus(spec.name(), terminated(c), previous.map(PodStatusBuilder::terminated)
                .orElse(new ContainerState(null, null, null)), false, restarts, spec.image(), imageId, id, false);
    }

    /** A dead container as a {@code terminated} state, with Kubernetes' reasons. */
    static ContainerState terminated(ContainerInfo c) {
        String reason = c.oomKilled() ? "OOMKilled" : c.exitCode() == 0 ? "Completed" : "Error";
        return new ContainerState(null, null, new ContainerStateTerminated(c.exitCode(), null, reason, null, c.startedAt(),
                c.finishedAt(), CONTAINER_ID_PREFIX + c.id()));
    }

    private static PodCondition condition(PodStatus old, String type, boolean status, String reason, String message, Instant now) {
        String value = status ? "True" : "False";
        Instant transition = now;
        for (PodCondition c : old.conditions() == null ? List.<PodCondition>of() : old.conditions()) {
            if (c.type().equals(type) && value.equals(c.status()) && c.lastTransitionTime() != null) {
                transition = c.lastTransitionTime();
            }
        }
        return status ? new PodCondition(type, value, null, transition, Objects.equals(reason, "PodCompleted") ? reason : null, null)
                : new PodCondition(type, value, null, transition, reason, message);
    }

    private static String names(List<String> names) {
        return "[" + String.join(" ", names) + "]";
    }

    /** Kubernetes' QoS class: BestEffort without requests or limits, Guaranteed if limits equal requests everywhere. */
    static String qosClass(Pod pod) {
        boolean any = false;
        boolean guaranteed = true;
        List<Container> all = new ArrayList<>(pod.spec().containers() == null ? List.of() : pod.spec().containers());
        for (Container c : all) {
            var limits = c.resources() == null || c.resources().limits() == null ? Map.<String, io.tugboat.api.Quantity>of() : c.resources().limits();
            var requests = c.resources() == null || c.resources().requests() == null ? Map.<String, io.tugboat.api.Quantity>of() : c.resources().requests();
            any |= !limits.isEmpty() || !requests.isEmpty();
            for (String r : List.of("cpu", "memory")) {
                if (!limits.containsKey(r) || (requests.containsKey(r) && requests.get(r).compareTo(limits.get(r)) != 0)) {
                    guaranteed = false;
                }
            }
        }
        return !any ? "BestEffort" : guaranteed ? "Guaranteed" : "Burstable";
    }
}
