package io.tugboat.apiserver.rest.table;

import static io.tugboat.apiserver.rest.table.Formats.list;
import static io.tugboat.apiserver.rest.table.Formats.text;

import io.tugboat.api.core.ContainerState;
import io.tugboat.api.core.ContainerStateTerminated;
import io.tugboat.api.core.ContainerStateWaiting;
import io.tugboat.api.core.ContainerStatus;
import io.tugboat.api.core.Pod;
import io.tugboat.api.core.PodCondition;
import io.tugboat.api.core.PodSpec;
import io.tugboat.api.core.PodStatus;
import io.tugboat.api.meta.TableColumnDefinition;
import java.time.Instant;
import java.util.List;

/**
 * The pod row of {@code kubectl get pods}: {@code NAME READY STATUS RESTARTS AGE}, and with {@code -o wide}
 * {@code IP NODE NOMINATED NODE READINESS GATES}.
 *
 * <p>STATUS is not a field of the pod but a summary, computed the way Kubernetes' printer does. Starting from the
 * phase (or {@code status.reason}, such as Evicted), the most telling container state wins:
 *
 * <pre>
 *  phase / status.reason
 *    |  an init container has not finished:  Init:N/M   Init:CrashLoopBackOff   Init:Error   Init:ExitCode:1
 *    |  otherwise, the last container with a story, scanning from the last to the first:
 *    |      waiting reason      ContainerCreating, CrashLoopBackOff, ErrImagePull...
 *    |      terminated reason   Completed, Error, OOMKilled (or Signal:9 / ExitCode:2 without one)
 *    |  "Completed" while another container still runs:  Running (pod Ready) or NotReady
 *    v
 *  being deleted:  Terminating (Unknown when its node was lost); Succeeded and Failed pods keep their status
 * </pre>
 *
 * RESTARTS adds up the containers' restart counts and, once there are any, how long ago the last one ended:
 * {@code 3 (5m ago)}. Init containers count only while the pod is still initializing.
 */
final class PodPrinter implements RowPrinter<Pod> {
    private static final List<TableColumnDefinition> COLUMNS = List.of(
            Columns.name(),
            Columns.string("Ready", "Ready containers out of all containers of the pod."),
            Columns.string("Status", "A summary of the pod's phase and its containers' states."),
            Columns.string("Restarts", "How often the pod's containers restarted, and when the last one did."),
            Columns.age(),
            Columns.wide(Columns.string("IP", "The pod's IP address.")),
            Columns.wide(Columns.string("Node", "The node the pod is bound to.")),
            Columns.wide(Columns.string("Nominated Node", "The node a preempting pod expects to run on.")),
            Columns.wide(Columns.string("Readiness Gates", "Readiness gates that are true, out of all.")));

    @Override
    public List<TableColumnDefinition> columns() {
        return COLUMNS;
    }

    @Override
    public List<Object> cells(Pod pod, Instant now) {
        PodSpec spec = pod.spec() != null ? pod.spec() : emptySpec();
        PodStatus status = pod.status() != null ? pod.status() : emptyStatus();
        Summary summary = summarize(pod, spec, status);
        String restarts = Integer.toString(summary.restarts);
        if (summary.restarts != 0 && summary.lastRestart != null) {
            restarts += " (" + HumanDuration.since(summary.lastRestart, now) + " ago)";
        }
        return List.of(
                Formats.name(pod),
                summary.ready + "/" + list(spec.containers()).size(),
                summary.reason,
                restarts,
                Formats.age(pod, now),
                Formats.orNone(podIP(status)),
                Formats.orNone(spec.nodeName()),
                Formats.NONE,  // nominatedNodeName is not part of Tugboat's model
                Formats.NONE); // nor are readiness gates
    }

    /** What the row says about the containers: ready count, STATUS text and restarts. */
    private static final class Summary {
        int ready;
        String reason;
        int restarts;
        Instant lastRestart;

        void countRestarts(ContainerStatus container) {
            restarts += container.restartCount() == null ? 0 : container.restartCount();
            ContainerState last = container.lastState();
            if (last != null && last.terminated() != null && last.terminated().finishedAt() != null) {
                Instant finished = last.terminated().finishedAt();
                if (lastRestart == null || finished.isAfter(lastRestart)) {
                    lastRestart = finished;
                }
            }
        }
    }

    private static Summary summarize(Pod pod, PodSpec spec, PodStatus status) {
        Summary summary = new Summary();
        summary.reason = status.reason() != null && !status.reason().isEmpty() ? status.reason() : text(status.phase());
        for (PodCondition condition : list(status.conditions())) {
            if ("PodScheduled".equals(condition.type()) && "SchedulingGated".equals(condition.reason())) {
                summary.reason = "SchedulingGated";
            }
        }

        boolean initializing = false;
        List<ContainerStatus> initStatuses = list(status.initContainerStatuses());
        for (int i = 0; i < initStatuses.size(); i++) {
            ContainerStatus container = initStatuses.get(i);
            summary.countRestarts(container);
            ContainerStateTerminated terminated = terminated(container);
            ContainerStateWaiting waiting = waiting(container);
            if (terminated != null && exitCode(terminated) == 0) {
                continue;
            }
            if (terminated != null) {
                summary.reason = terminated.reason() == null || terminated.reason().isEmpty()
                        ? (signal(terminated) != 0 ? "Init:Signal:" + signal(terminated)
                                                   : "Init:ExitCode:" + exitCode(terminated))
                        : "Init:" + terminated.reason();
            } else if (waiting != null && waiting.reason() != null && !waiting.reason().isEmpty()
                    && !"PodInitializing".equals(waiting.reason())) {
                summary.reason = "Init:" + waiting.reason();
            } else {
                summary.reason = "Init:" + i + "/" + list(spec.initContainers()).size();
            }
            initializing = true;
            break;
        }

        if (!initializing || hasTrueCondition(status, "Initialized")) {
            summary.restarts = 0; // init containers no longer count once the pod is initialized
            summary.lastRestart = null;
            boolean hasRunning = false;
            List<ContainerStatus> statuses = list(status.containerStatuses());
            for (int i = statuses.size() - 1; i >= 0; i--) {
                ContainerStatus container = statuses.get(i);
                summary.countRestarts(container);
                ContainerStateWaiting waiting = waiting(container);
                ContainerStateTerminated terminated = terminated(container);
                if (waiting != null && waiting.reason() != null && !waiting.reason().isEmpty()) {
                    summary.reason = waiting.reason();
                } else if (terminated != null && terminated.reason() != null && !terminated.reason().isEmpty()) {
                    summary.reason = terminated.reason();
                } else if (terminated != null) {
                    summary.reason = signal(terminated) != 0 ? "Signal:" + signal(terminated)
                                                             : "ExitCode:" + exitCode(terminated);
                } else if (Boolean.TRUE.equals(container.ready()) && container.state() != null
                        && container.state().running() != null) {
                    hasRunning = true;
                    summary.ready++;
                }
            }
            if ("Completed".equals(summary.reason) && hasRunning) {
                summary.reason = hasTrueCondition(status, "Ready") ? "Running" : "NotReady";
            }
        }

        boolean deleting = Formats.metadata(pod).deletionTimestamp() != null;
        if (deleting && "NodeLost".equals(status.reason())) {
            summary.reason = "Unknown";
        } else if (deleting && !"Succeeded".equals(status.phase()) && !"Failed".equals(status.phase())) {
            summary.reason = "Terminating";
        }
        return summary;
    }

    private static String podIP(PodStatus status) {
        if (!list(status.podIPs()).isEmpty() && status.podIPs().get(0).ip() != null) {
            return status.podIPs().get(0).ip();
        }
        return status.podIP();
    }

    private static boolean hasTrueCondition(PodStatus status, String type) {
        return list(status.conditions()).stream()
                .anyMatch(c -> type.equals(c.type()) && "True".equals(c.status()));
    }

    private static ContainerStateTerminated terminated(ContainerStatus container) {
        return container.state() == null ? null : container.state().terminated();
    }

    private static ContainerStateWaiting waiting(ContainerStatus container) {
        return container.state() == null ? null : container.state().waiting();
    }

    private static int exitCode(ContainerStateTerminated terminated) {
        return terminated.exitCode() == null ? 0 : terminated.exitCode();
    }

    private static int signal(ContainerStateTerminated terminated) {
        return terminated.signal() == null ? 0 : terminated.signal();
    }

    private static PodSpec emptySpec() {
        return new PodSpec(null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null, null, null);
    }

    private static PodStatus emptyStatus() {
        return new PodStatus(null, null, null, null, null, null, null, null, null, null, null, null);
    }
}
