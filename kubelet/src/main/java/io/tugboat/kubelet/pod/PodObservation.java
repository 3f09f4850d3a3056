package io.tugboat.kubelet.pod;

import io.tugboat.kubelet.runtime.ContainerInfo;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The containers the runtime reports for one pod at one moment, with the two questions every decision asks:
 * which sandbox is current, and what are the attempts of container X, newest first.
 */
public record PodObservation(List<ContainerInfo> containers) {
    private static final Comparator<ContainerInfo> NEWEST_FIRST = Comparator
            .comparingInt(ContainerLabels::attempt).reversed()
            .thenComparing(ContainerInfo::createdAt, Comparator.nullsFirst(Comparator.reverseOrder()));

    public PodObservation {
        containers = List.copyOf(containers);
    }

    public static PodObservation empty() {
        return new PodObservation(List.of());
    }

    /** Every attempt of container {@code name} ({@link ContainerLabels#SANDBOX} for sandboxes), newest first. */
    public List<ContainerInfo> attempts(String name) {
        return containers.stream().filter(c -> ContainerLabels.containerName(c).equals(name)).sorted(NEWEST_FIRST).toList();
    }

    /** The newest attempt of container {@code name}. */
    public Optional<ContainerInfo> latest(String name) {
        return attempts(name).stream().findFirst();
    }

    /** The attempt before the newest (for {@code lastState} and {@code logs --previous}). */
    public Optional<ContainerInfo> previous(String name) {
        return attempts(name).stream().skip(1).findFirst();
    }

    /** The newest sandbox, running or not. */
    public Optional<ContainerInfo> sandbox() {
        return latest(ContainerLabels.SANDBOX);
    }

    /** The newest sandbox if it is running: the pod has a network. */
    public Optional<ContainerInfo> runningSandbox() {
        return sandbox().filter(ContainerInfo::running);
    }
}
