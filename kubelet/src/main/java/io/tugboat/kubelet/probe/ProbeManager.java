package io.tugboat.kubelet.probe;

import io.tugboat.api.core.Container;
import io.tugboat.api.core.Pod;
import io.tugboat.api.core.Probe;
import io.tugboat.kubelet.pod.ContainerLabels;
import io.tugboat.kubelet.pod.PodObservation;
import io.tugboat.kubelet.runtime.ContainerInfo;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Runs the liveness, readiness and startup probes of every running container, on Kubernetes' timings
 * ({@code initialDelaySeconds} 0, {@code periodSeconds} 10, {@code timeoutSeconds} 1, {@code successThreshold} 1,
 * {@code failureThreshold} 3), and remembers their verdicts by container id:
 *
 * <ul>
 *   <li><b>startup</b>: until it succeeds the container is not "started" and the other probes wait; failing it
 *       {@code failureThreshold} times makes the container unhealthy;</li>
 *   <li><b>liveness</b>: failing it {@code failureThreshold} times in a row makes the container unhealthy — the
 *       pod worker then kills it, and the restart policy decides what follows;</li>
 *   <li><b>readiness</b>: the container is ready after {@code successThreshold} successes, unready after
 *       {@code failureThreshold} failures; unready at start.</li>
 * </ul>
 *
 * A verdict that changes calls {@code onChange} with the pod's key, so the pod worker syncs the pod at once.
 * Workers are per container id: a restarted container starts over with fresh verdicts.
 */
public final class ProbeManager implements AutoCloseable {
    private final Prober prober;
    private final ScheduledExecutorService executor;
    private final Consumer<String> onChange;
    private final Clock clock;
    private final Map<String, Worker> workers = new ConcurrentHashMap<>();
    private final Set<String> ready = ConcurrentHashMap.newKeySet();
    private final Set<String> started = ConcurrentHashMap.newKeySet();
    private final Set<String> unhealthy = ConcurrentHashMap.newKeySet();

    public ProbeManager(Prober prober, ScheduledExecutorService executor, Consumer<String> onChange, Clock clock) {
        this.prober = prober;
        this.executor = executor;
        this.onChange = onChange;
        this.clock = clock;
    }

    /** Starts probing the pod's running containers, and stops probing containers that no longer run. */
    public void sync(Pod pod, PodObservation observed) {
        String podKey = pod.metadata().namespace() + "/" + pod.metadata().name();
        // a host-network sandbox has no address of its own: the pod's ports are the node's, reachable on loopback
        String podIP = observed.runningSandbox().map(ContainerInfo::ipAddress).filter(ip -> !ip.isEmpty()).orElse("127.0.0.1");
        Set<String> running = new HashSet<>();
        List<Container> all = new ArrayList<>(pod.spec().containers() == null ? List.of() : pod.spec().containers());
        for (Container spec : all) {
            observed.latest(spec.name()).filter(ContainerInfo::running).ifPresent(c -> {
                running.add(c.id());
                workers.computeIfAbsent(c.id(), id -> new Worker(podKey, spec, c, podIP).start());
            });
        }
        for (ContainerInfo c : observed.containers()) {
            if (pod.metadata().uid().equals(c.label(ContainerLabels.POD_UID)) && !running.contains(c.id())) {
                forgetContainer(c.id());
            }
        }
    }

    /** Stops every worker of the pod with {@code uid} (the pod is gone or terminating). */
    public void forgetPod(String uid) {
        workers.values().removeIf(w -> {
            if (w.container.label(ContainerLabels.POD_UID).equals(uid)) {
                w.stop();
                return true;
            }
            return false;
        });
    }

    private void forgetContainer(String id) {
        Worker w = workers.remove(id);
        if (w != null) {
            w.stop();
        }
        ready.remove(id);
        started.remove(id);
        unhealthy.remove(id);
    }

    /** Running containers whose readiness probe passes, or that have none and have started. */
    public Set<String> ready() {
        return Set.copyOf(ready);
    }

    /** Running containers whose startup probe passed, or that have none. */
    public Set<String> started() {
        return Set.copyOf(started);
    }

    /** Running containers that failed their liveness or startup probe: to be killed. */
    public Set<String> unhealthy() {
        return Set.copyOf(unhealthy);
    }

    @Override
    public void close() {
        workers.values().forEach(Worker::stop);
        workers.clear();
    }

    /** The three probes of one container. */
    private final class Worker {
        final String podKey;
        final Container spec;
        final ContainerInfo container;
        final String podIP;
        final List<ScheduledFuture<?>> tasks = new ArrayList<>();
        final int[] successes = new int[3];
        final int[] failures = new int[3];
        volatile boolean stopped;

        Worker(String podKey, Container spec, ContainerInfo container, String podIP) {
            this.podKey = podKey;
            this.spec = spec;
            this.container = container;
            this.podIP = podIP;
        }

        synchronized Worker start() {
            String id = container.id();
            if (spec.startupProbe() == null) {
                started.add(id);
            }
            if (spec.readinessProbe() == null && spec.startupProbe() == null) {
                ready.add(id);
            }
            schedule(0, spec.startupProbe());
            schedule(1, spec.livenessProbe());
            schedule(2, spec.readinessProbe());
            if (spec.readinessProbe() == null && spec.startupProbe() != null) {
                // no readiness probe: ready as soon as started
                schedule(3, null);
            }
            return this;
        }

        private void schedule(int kind, Probe probe) {
            if (probe == null && kind != 3) {
                return;
            }
            long initialDelay = probe == null || probe.initialDelaySeconds() == null ? 0 : probe.initialDelaySeconds() * 1000L;
            Instant startedAt = container.startedAt() == null ? clock.instant() : container.startedAt();
            long wait = Math.max(0, Duration.between(clock.instant(), startedAt.plusMillis(initialDelay)).toMillis());
            long period = probe == null ? 1000 : (probe.periodSeconds() == null ? 10 : probe.periodSeconds()) * 1000L;
            tasks.add(executor.scheduleWithFixedDelay(() -> run(kind, probe), wait, period, TimeUnit.MILLISECONDS));
        }

        private void run(int kind, Probe probe) {
            String id = container.id();
            if (stopped) {
                return;
            }
            if (kind == 3) {
                if (started.contains(id) && ready.add(id)) {
                    onChange.accept(podKey);
                }
                return;
            }
            if (kind != 0 && !started.contains(id)) {
                return;
            }
            if (kind == 0 && started.contains(id)) {
                return;
            }
            Duration timeout = Duration.ofSeconds(probe.timeoutSeconds() == null ? 1 : probe.timeoutSeconds());
            boolean ok = prober.check(id, spec, podIP, probe.exec(), probe.httpGet(), probe.tcpSocket(), timeout);
            if (stopped) {
                return;
            }
            int successThreshold = probe.successThreshold() == null ? 1 : probe.successThreshold();
            int failureThreshold = probe.failureThreshold() == null ? 3 : probe.failureThreshold();
            synchronized (this) {
                if (ok) {
                    successes[kind]++;
                    failures[kind] = 0;
                } else {
                    failures[kind]++;
                    successes[kind] = 0;
                }
            }
            boolean changed = false;
            switch (kind) {
                case 0 -> {
                    if (ok && successes[0] >= 1) {
                        changed = started.add(id);
                    } else if (!ok && failures[0] >= failureThreshold) {
                        changed = unhealthy.add(id);
                    }
                }
                case 1 -> {
                    if (!ok && failures[1] >= failureThreshold) {
                        changed = unhealthy.add(id);
                    }
                }
                default -> {
                    if (ok && successes[2] >= successThreshold) {
                        changed = ready.add(id);
                    } else if (!ok && failures[2] >= failureThreshold) {
                        changed = ready.remove(id);
                    }
                }
            }
            if (changed) {
                onChange.accept(podKey);
            }
        }

        synchronized void stop() {
            stopped = true;
            tasks.forEach(t -> t.cancel(false));
        }
    }
}
