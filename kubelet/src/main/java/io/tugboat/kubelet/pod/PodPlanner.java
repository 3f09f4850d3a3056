package io.tugboat.kubelet.pod;

import io.tugboat.api.core.Container;
import io.tugboat.api.core.Pod;
import io.tugboat.kubelet.runtime.ContainerInfo;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Decides, without doing anything, what one sync of a pod must do: the kubelet's {@code computePodActions}
 * ({@code pkg/kubelet/kuberuntime/kuberuntime_manager.go}). Its inputs are the pod, the containers observed for it,
 * the containers probes found unhealthy, and the restart backoff; its output is a {@link PodActions} value.
 *
 * <p>The order of questions:
 * <pre>
 *   1. garbage: attempts beyond the newest two per container, stale sandboxes, containers not in the spec
 *   2. finished? every container exited and none may restart (restartPolicy) ─▶ stop the sandbox, done
 *   3. sandbox running? no ─▶ create one; kill what ran in the old one; stop here
 *   4. init containers, in order: start the first that has not succeeded; wait while one runs
 *   5. app containers: start missing ones; kill unhealthy ones; restart exited ones the policy restarts,
 *      after their backoff (CrashLoopBackOff while waiting)
 * </pre>
 */
public final class PodPlanner {
    /** Exited attempts kept per container besides the newest (Kubernetes' MaxPerPodContainer). */
    static final int HISTORY = 1;

    private PodPlanner() {
    }

    /**
     * @param pod       the pod, not being deleted (deletion is {@link PodKiller}'s job)
     * @param observed  its containers as the runtime reports them
     * @param unhealthy ids of running containers whose liveness or startup probe failed
     * @param backoff   restart backoff; read only
     */
    public static PodActions plan(Pod pod, PodObservation observed, Set<String> unhealthy, CrashBackoff backoff) {
        Plan p = new Plan();
        List<Container> inits = pod.spec().initContainers() == null ? List.of() : pod.spec().initContainers();
        List<Container> apps = pod.spec().containers() == null ? List.of() : pod.spec().containers();
        String policy = restartPolicy(pod);
        collectGarbage(observed, inits, apps, p);

        if (isTerminal(policy, observed, inits, apps)) {
            observed.runningSandbox().ifPresent(p.killSandboxes::add);
            return p.build(0, true);
        }
        Optional<ContainerInfo> sandbox = observed.runningSandbox();
        if (sandbox.isEmpty()) {
            for (Container c : Stream.concat(inits.stream(), apps.stream()).toList()) {
                observed.latest(c.name()).filter(ContainerInfo::running)
                        .ifPresent(r -> p.kill.add(new PodActions.Kill(r, "pod sandbox is gone, the container will be re-created")));
            }
            int attempt = observed.sandbox().map(s -> ContainerLabels.attempt(s) + 1).orElse(0);
            return p.build(attempt, false, true);
        }
        String sandboxId = sandbox.get().id();
        for (Container init : inits) {
            Optional<ContainerInfo> latest = observed.latest(init.name());
            if (latest.isPresent() && latest.get().state() == ContainerInfo.State.EXITED && latest.get().exitCode() == 0) {
                continue;
            }
            planContainer(pod, init, true, latest, policy, sandboxId, unhealthy, backoff, p);
            for (Container app : apps) {
                p.waiting.putIfAbsent(app.name(), new PodActions.Waiting("PodInitializing", null));
            }
            return p.build(0, false);
        }
        for (Container app : apps) {
            planContainer(pod, app, false, observed.latest(app.name()), policy, sandboxId, unhealthy, backoff, p);
        }
        return p.build(0, false);
    }

    private static void planContainer(Pod pod, Container spec, boolean init, Optional<ContainerInfo> found, String policy,
                                      String sandboxId, Set<String> unhealthy, CrashBackoff backoff, Plan p) {
        if (found.isEmpty()) {
            p.start.add(new PodActions.Start(spec, init, 0, null));
            return;
        }
        ContainerInfo latest = found.get();
        switch (latest.state()) {
            case CREATED -> {
                // created but never started (the kubelet stopped in between): replace it under the same attempt
                p.remove.add(latest);
                p.start.add(new PodActions.Start(spec, init, ContainerLabels.attempt(latest), null));
            }
            case RUNNING -> {
                if (unhealthy.contains(latest.id())) {
                    p.kill.add(new PodActions.Kill(latest, "Container " + spec.name() + " failed liveness probe, will be restarted"));
                } else if (!sandboxId.equals(latest.label(ContainerLabels.SANDBOX_ID))) {
                    p.kill.add(new PodActions.Kill(latest, "Container " + spec.name() + " runs in a stale sandbox"));
                } else if (!spec.image().equals(latest.image())) {
                    p.kill.add(new PodActions.Kill(latest, "Container " + spec.name() + " definition changed, will be restarted"));
                }
            }
            case EXITED -> {
                if (!shouldRestart(policy, latest.exitCode())) {
                    return;
                }
                String key = backoffKey(pod, spec.name());
                Duration remaining = backoff.remaining(key, latest.finishedAt());
                if (remaining.isZero()) {
                    p.start.add(new PodActions.Start(spec, init, ContainerLabels.attempt(latest) + 1, latest));
                } else {
                    p.waiting.put(spec.name(), new PodActions.Waiting("CrashLoopBackOff", "back-off " + seconds(backoff.delay(key))
                            + " restarting failed container=" + spec.name() + " pod=" + pod.metadata().name() + "_"
                            + pod.metadata().namespace() + "(" + pod.metadata().uid() + ")"));
                    p.requeue(remaining);
                }
            }
        }
    }

    /** True if the pod has finished for good: an init container failed under Never, or no app container will run again. */
    static boolean isTerminal(String policy, PodObservation observed, List<Container> inits, List<Container> apps) {
        for (Container init : inits) {
            Optional<ContainerInfo> latest = observed.latest(init.name());
            if (latest.isPresent() && latest.get().state() == ContainerInfo.State.EXITED && latest.get().exitCode() != 0
                    && "Never".equals(policy)) {
                return true;
            }
        }
        if (apps.isEmpty()) {
            return false;
        }
        for (Container app : apps) {
            Optional<ContainerInfo> latest = observed.latest(app.name());
            if (latest.isEmpty() || latest.get().state() != ContainerInfo.State.EXITED
                    || shouldRestart(policy, latest.get().exitCode())) {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code restartPolicy} restarts a container that exited with {@code exitCode}. */
    public static boolean shouldRestart(String policy, int exitCode) {
        return switch (policy) {
            case "Never" -> false;
            case "OnFailure" -> exitCode != 0;
            default -> true;
        };
    }

    public static String restartPolicy(Pod pod) {
        String policy = pod.spec().restartPolicy();
        return policy == null || policy.isEmpty() ? "Always" : policy;
    }

    /** The backoff key of a container of a pod: one backoff per pod uid and container name. */
    public static String backoffKey(Pod pod, String container) {
        return pod.metadata().uid() + "/" + container;
    }

    private static void collectGarbage(PodObservation observed, List<Container> inits, List<Container> apps, Plan p) {
        Set<String> known = new HashSet<>();
        inits.forEach(c -> known.add(c.name()));
        apps.forEach(c -> known.add(c.name()));
        Map<String, List<ContainerInfo>> seen = new HashMap<>();
        for (ContainerInfo c : observed.containers()) {
            seen.computeIfAbsent(ContainerLabels.containerName(c), n -> observed.attempts(n));
        }
        seen.forEach((name, attempts) -> {
            boolean sandbox = name.equals(ContainerLabels.SANDBOX);
            int keep = sandbox ? 1 : known.contains(name) ? 1 + HISTORY : 0;
            for (ContainerInfo old : attempts.subList(Math.min(keep, attempts.size()), attempts.size())) {
                if (old.running() && sandbox) {
                    p.killSandboxes.add(old);
                } else if (old.running()) {
                    p.kill.add(new PodActions.Kill(old, "Container " + name + " is not in the pod's spec any more"));
                } else {
                    p.remove.add(old);
                }
            }
        });
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
    }

    /** The mutable builder one planning pass fills. */
    private static final class Plan {
        final List<ContainerInfo> killSandboxes = new ArrayList<>();
        final List<PodActions.Kill> kill = new ArrayList<>();
        final List<ContainerInfo> remove = new ArrayList<>();
        final List<PodActions.Start> start = new ArrayList<>();
        final Map<String, PodActions.Waiting> waiting = new HashMap<>();
        Duration requeueAfter;

        void requeue(Duration after) {
            if (requeueAfter == null || after.compareTo(requeueAfter) < 0) {
                requeueAfter = after;
            }
        }

        PodActions build(int sandboxAttempt, boolean terminal) {
            return build(sandboxAttempt, terminal, false);
        }

        PodActions build(int sandboxAttempt, boolean terminal, boolean createSandbox) {
            return new PodActions(createSandbox, sandboxAttempt, killSandboxes, kill, remove, start, waiting, requeueAfter, terminal);
        }
    }
}
