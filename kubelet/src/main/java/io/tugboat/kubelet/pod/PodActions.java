package io.tugboat.kubelet.pod;

import io.tugboat.api.core.Container;
import io.tugboat.kubelet.runtime.ContainerInfo;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What one sync of a pod must do to bring its containers closer to the spec, decided by {@link PodPlanner} and
 * carried out by {@link PodWorker}. An empty value means "nothing to do": the pod is as it should be, or waiting.
 *
 * @param createSandbox  make (and start) a new sandbox with attempt {@code sandboxAttempt}
 * @param sandboxAttempt the new sandbox's attempt number
 * @param killSandboxes  running sandboxes to stop (the pod finished, or they are stale)
 * @param kill           running containers to stop, each with the reason (logged and put in an event)
 * @param remove         dead containers to delete (beyond the kept history, or never started)
 * @param start          containers to create and start, in order
 * @param waiting        container name → why it is not running yet (e.g. {@code CrashLoopBackOff})
 * @param requeueAfter   look again after this long even if nothing happens (a backoff ends); null: no need
 * @param terminal       the pod has finished for good (Succeeded or Failed): nothing will ever start again
 */
public record PodActions(boolean createSandbox, int sandboxAttempt, List<ContainerInfo> killSandboxes, List<Kill> kill,
                         List<ContainerInfo> remove, List<Start> start, Map<String, Waiting> waiting,
                         Duration requeueAfter, boolean terminal) {
    public PodActions {
        killSandboxes = List.copyOf(killSandboxes);
        kill = List.copyOf(kill);
        remove = List.copyOf(remove);
        start = List.copyOf(start);
        waiting = Map.copyOf(waiting);
    }

    /** Stop {@code container} because {@code reason}. */
    public record Kill(ContainerInfo container, String reason) {
    }

    /**
     * Create and start attempt {@code attempt} of {@code spec}; {@code previous} is the exited attempt it replaces
     * (null for a first start), whose restart consumes backoff.
     */
    public record Start(Container spec, boolean init, int attempt, ContainerInfo previous) {
    }

    /** A container's waiting reason and message, as in {@code ContainerStateWaiting}. */
    public record Waiting(String reason, String message) {
    }

    /** True if there is nothing to do now. */
    public boolean isEmpty() {
        return !createSandbox && killSandboxes.isEmpty() && kill.isEmpty() && remove.isEmpty() && start.isEmpty();
    }
}
