package io.tugboat.kubelet.pod;

import io.tugboat.api.core.Container;
import io.tugboat.api.core.LifecycleHandler;
import io.tugboat.api.core.Pod;
import io.tugboat.kubelet.probe.Prober;
import io.tugboat.kubelet.runtime.ContainerInfo;
import io.tugboat.kubelet.runtime.ContainerRuntime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Graceful termination, as Kubernetes does it ({@code killContainer} in {@code kuberuntime_container.go}): every
 * running container at once gets its {@code preStop} hook, then its stop signal (the image's, SIGTERM by default),
 * then SIGKILL when the grace period runs out — one deadline shared by hook and signal. The sandbox goes last, and
 * then every container of the pod is removed.
 *
 * <pre>
 *   t=0 ──preStop hook──▶ stop signal ──(grace period)──▶ SIGKILL ──▶ sandbox killed ──▶ containers removed
 * </pre>
 */
public final class PodKiller {
    private static final Logger log = LoggerFactory.getLogger(PodKiller.class);
    private final ContainerRuntime runtime;
    private final Prober prober;
    private final ExecutorService executor;
    private final Clock clock;

    public PodKiller(ContainerRuntime runtime, Prober prober, ExecutorService executor, Clock clock) {
        this.runtime = runtime;
        this.prober = prober;
        this.executor = executor;
        this.clock = clock;
    }

    /** The grace period of a deletion: the one the deletion asked for, else the pod's, else 30 s. */
    public static Duration gracePeriod(Pod pod) {
        Long seconds = pod.metadata().deletionGracePeriodSeconds();
        if (seconds == null) {
            seconds = pod.spec().terminationGracePeriodSeconds();
        }
        return Duration.ofSeconds(seconds == null ? 30 : Math.max(0, seconds));
    }

    /** Stops every container of the pod within {@code grace} and removes them all. Blocks until done. */
    public void kill(Pod pod, List<ContainerInfo> containers, Duration grace) {
        Instant deadline = clock.instant().plus(grace);
        List<CompletableFuture<Void>> stops = new ArrayList<>();
        for (ContainerInfo c : containers) {
            if (c.running() && !ContainerLabels.SANDBOX.equals(ContainerLabels.containerName(c))) {
                Optional<Container> spec = pod == null ? Optional.empty() : specOf(pod, ContainerLabels.containerName(c));
                String podIP = containers.stream().filter(s -> ContainerLabels.SANDBOX.equals(ContainerLabels.containerName(s)))
                        .filter(ContainerInfo::running).map(ContainerInfo::ipAddress).findFirst().orElse("");
                stops.add(CompletableFuture.runAsync(() -> stopOne(c, spec, podIP, deadline), executor));
            }
        }
        stops.forEach(CompletableFuture::join);
        for (ContainerInfo c : containers) {
            if (c.running() && ContainerLabels.SANDBOX.equals(ContainerLabels.containerName(c))) {
                runtime.stop(c.id(), Duration.ZERO, null);
            }
        }
        for (ContainerInfo c : containers) {
            runtime.remove(c.id());
        }
    }

    /** Stops one container: preStop hook, then the stop signal, then SIGKILL at the deadline. */
    public void stopOne(ContainerInfo c, Optional<Container> spec, String podIP, Instant deadline) {
        LifecycleHandler preStop = spec.map(Container::lifecycle).map(l -> l.preStop()).orElse(null);
        if (preStop != null) {
            Duration left = remaining(deadline);
            if (!left.isZero()) {
                boolean ok = prober.check(c.id(), spec.get(), podIP, preStop.exec(), preStop.httpGet(), preStop.tcpSocket(), left);
                if (!ok) {
                    log.info("preStop hook of {} failed or timed out", c.name());
                }
            }
        }
        try {
            runtime.stop(c.id(), remaining(deadline), null);
        } catch (RuntimeException e) {
            log.warn("stopping {} failed: {}", c.name(), e.getMessage());
        }
    }

    private Duration remaining(Instant deadline) {
        Duration d = Duration.between(clock.instant(), deadline);
        return d.isNegative() ? Duration.ZERO : d;
    }

    private static Optional<Container> specOf(Pod pod, String name) {
        List<Container> all = new ArrayList<>();
        if (pod.spec().initContainers() != null) {
            all.addAll(pod.spec().initContainers());
        }
        if (pod.spec().containers() != null) {
            all.addAll(pod.spec().containers());
        }
        return all.stream().filter(c -> c.name().equals(name)).findFirst();
    }
}
