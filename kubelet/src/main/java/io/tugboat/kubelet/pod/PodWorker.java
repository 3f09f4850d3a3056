package io.tugboat.kubelet.pod;

import io.tugboat.api.Codec;
import io.tugboat.api.core.Pod;
import io.tugboat.api.core.PodStatus;
import io.tugboat.api.meta.DeleteOptions;
import io.tugboat.api.meta.Preconditions;
import io.tugboat.client.ApiException;
import io.tugboat.client.ResourceClient;
import io.tugboat.client.controller.Keys;
import io.tugboat.client.controller.ObjectKey;
import io.tugboat.client.controller.ReconcileResult;
import io.tugboat.client.controller.Reconciler;
import io.tugboat.client.informer.Lister;
import io.tugboat.kubelet.probe.ProbeManager;
import io.tugboat.kubelet.runtime.ContainerConfig;
import io.tugboat.kubelet.runtime.ContainerInfo;
import io.tugboat.kubelet.runtime.ContainerRuntime;
import io.tugboat.kubelet.runtime.ContainerRuntimeException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pod worker: one {@link #reconcile} per pod key, run by a {@link io.tugboat.client.controller.ControllerRunner}
 * (so never twice at once for one pod). Each pass observes the pod's containers, asks {@link PodPlanner} what to
 * do, does it, observes again and writes the status if it changed:
 *
 * <pre>
 *   pod gone from the cache ─▶ kill and remove its containers
 *   pod being deleted       ─▶ {@link PodKiller}: preStop, stop signal, grace, SIGKILL; then DELETE with grace 0
 *   otherwise               ─▶ observe ─▶ plan ─▶ apply ─▶ (new sandbox? plan again at once) ─▶ observe ─▶ status
 * </pre>
 */
public final class PodWorker implements Reconciler {
    private static final Logger log = LoggerFactory.getLogger(PodWorker.class);

    private final String node;
    private final String hostIP;
    private final Lister<Pod> pods;
    private final ResourceClient<Pod> podClient;
    private final ContainerRuntime runtime;
    private final ContainerFactory factory;
    private final VolumeManager volumes;
    private final ImagePuller images;
    private final ProbeManager probes;
    private final PodKiller killer;
    private final CrashBackoff backoff;
    private final Clock clock;
    /** Runs the sandbox start of a pod's first start while the worker creates its containers ({@link #firstStart}). */
    private final ExecutorService overlap;
    /** The last status written per pod uid, so that a stale cache does not cause the same write twice. */
    private final Map<String, Object> written = new ConcurrentHashMap<>();

    public PodWorker(String node, String hostIP, Lister<Pod> pods, ResourceClient<Pod> podClient, ContainerRuntime runtime,
                     ContainerFactory factory, VolumeManager volumes, ImagePuller images, ProbeManager probes,
                     PodKiller killer, CrashBackoff backoff, Clock clock, ExecutorService overlap) {
        this.node = node;
        this.hostIP = hostIP;
        this.pods = pods;
        this.podClient = podClient;
        this.runtime = runtime;
        this.factory = factory;
        this.volumes = volumes;
        this.images = images;
        this.probes = probes;
        this.killer = killer;
        this.backoff = backoff;
        this.clock = clock;
        this.overlap = overlap;
    }

    @Override
    public ReconcileResult reconcile(String key) throws Exception {
        ObjectKey id = Keys.split(key);
        SyncTimer timer = new SyncTimer(log);
        try {
            return sync(id, timer);
        } finally {
            timer.log(log, key);
        }
    }

    private ReconcileResult sync(ObjectKey id, SyncTimer timer) throws Exception {
        Map<String, String> selector = new HashMap<>(ContainerLabels.ofNode(node));
        selector.put(ContainerLabels.POD_NAMESPACE, id.namespace());
        selector.put(ContainerLabels.POD_NAME, id.name());
        List<ContainerInfo> all = runtime.list(selector);
        timer.lap("list");
        Optional<Pod> found = pods.get(id.namespace(), id.name()).filter(p -> node.equals(p.spec().nodeName()));
        String uid = found.map(p -> p.metadata().uid()).orElse(null);
        for (String stale : all.stream().map(c -> c.label(ContainerLabels.POD_UID)).filter(u -> !u.equals(uid)).distinct().toList()) {
            removePod(stale, all.stream().filter(c -> stale.equals(c.label(ContainerLabels.POD_UID))).toList());
        }
        if (found.isEmpty()) {
            return ReconcileResult.done();
        }
        Pod pod = found.get();
        if (pod.metadata().deletionTimestamp() != null) {
            return terminate(pod, observe(uid, all).containers());
        }
        PodObservation observed = observe(uid, all);
        PodActions actions = PodPlanner.plan(pod, observed, probes.unhealthy(), backoff);
        Map<String, PodActions.Waiting> waiting = new HashMap<>(actions.waiting());
        Duration requeue = actions.requeueAfter();
        // Nothing to do (the usual sync after an event or a relist): no apply, and no second list to see its effect.
        for (int pass = 0; pass < 3 && !actions.isEmpty(); pass++) {
            requeue = min(requeue, apply(pod, observed, actions, waiting, timer));
            observed = observe(uid, runtime.list(selector));
            timer.lap("list");
            if (!actions.createSandbox() && actions.kill().isEmpty()) {
                break;
            }
            actions = PodPlanner.plan(pod, observed, probes.unhealthy(), backoff);
            waiting.putAll(actions.waiting());
            requeue = min(requeue, actions.requeueAfter());
        }
        probes.sync(pod, observed);
        writeStatus(pod, PodStatusBuilder.build(pod, observed, waiting, probes.ready(), probes.started(), hostIP, clock.instant()), timer);
        return requeue == null ? ReconcileResult.done() : ReconcileResult.requeueAfter(requeue);
    }

    /** Carries out {@code actions}; waiting reasons met on the way go into {@code waiting}. Returns a requeue delay. */
    private Duration apply(Pod pod, PodObservation observed, PodActions actions, Map<String, PodActions.Waiting> waiting,
                           SyncTimer timer) throws Exception {
        Duration requeue = null;
        for (ContainerInfo c : actions.killSandboxes()) {
            runtime.stop(c.id(), Duration.ZERO, null);
        }
        String podIP = observed.runningSandbox().map(ContainerInfo::ipAddress).orElse("");
        for (PodActions.Kill k : actions.kill()) {
            log.info("killing {}: {}", k.container().name(), k.reason());
            killer.stopOne(k.container(), Optional.empty(), podIP, clock.instant().plus(PodKiller.gracePeriod(pod)));
        }
        for (ContainerInfo c : actions.remove()) {
            runtime.remove(c.id());
        }
        if (actions.createSandbox()) {
            ContainerConfig sandbox;
            try {
                sandbox = factory.sandbox(pod, actions.sandboxAttempt());
            } catch (ContainerConfigException notReady) {
                log.debug("pod {}/{} waits: {}", pod.metadata().namespace(), pod.metadata().name(), notReady.getMessage());
                return Duration.ofSeconds(1); // the pod network's readiness also requeues every pod
            }
            String id;
            try {
                id = runtime.create(sandbox);
            } catch (ContainerRuntimeException.NotFound noImage) {
                // As `docker run` does: try the create, pull only when the image is missing (rare: it is the same
                // image for every pod) — no image inspect on the way of every pod start.
                runtime.pull(factory.infraImage());
                id = runtime.create(sandbox);
            }
            timer.lap("sandbox create");
            if (observed.containers().isEmpty()) {
                return firstStart(pod, sandbox, id, waiting, timer);
            }
            runtime.start(id);
            timer.lap("sandbox start");
            return null;
        }
        if (actions.start().isEmpty()) {
            return null;
        }
        String sandboxId = observed.runningSandbox().map(ContainerInfo::id).orElseThrow();
        Map<String, Path> mounts;
        try {
            mounts = volumes.prepare(pod);
        } catch (ContainerConfigException e) {
            actions.start().forEach(s -> waiting.put(s.spec().name(), new PodActions.Waiting(e.reason(), e.getMessage())));
            return Duration.ofSeconds(2);
        }
        for (PodActions.Start s : actions.start()) {
            String key = PodPlanner.backoffKey(pod, s.spec().name());
            Optional<PodActions.Waiting> pull = images.ensure(s.spec(), key);
            timer.lap("image " + s.spec().name());
            if (pull.isPresent()) {
                waiting.put(s.spec().name(), pull.get());
                Duration retry = images.retryAfter(key);
                requeue = min(requeue, retry.isZero() ? Duration.ofSeconds(1) : retry);
                continue;
            }
            ContainerConfig config;
            try {
                config = factory.container(pod, s.spec(), s.attempt(), sandboxId, mounts, podIP, hostIP);
            } catch (ContainerConfigException e) {
                waiting.put(s.spec().name(), new PodActions.Waiting(e.reason(), e.getMessage()));
                requeue = min(requeue, Duration.ofSeconds(2));
                continue;
            }
            if (s.previous() != null) {
                ContainerInfo p = s.previous();
                backoff.next(key, p.startedAt() == null || p.finishedAt() == null ? Duration.ZERO
                        : Duration.between(p.startedAt(), p.finishedAt()));
            }
            String id = runtime.create(config);
            timer.lap("create " + s.spec().name());
            try {
                runtime.start(id);
                timer.lap("start " + s.spec().name());
            } catch (RuntimeException e) {
                waiting.put(s.spec().name(), new PodActions.Waiting("RunContainerError", e.getMessage()));
                requeue = min(requeue, Duration.ofSeconds(1));
            }
        }
        return requeue;
    }

    /**
     * A pod's first start, overlapped. Starting the sandbox is the slowest step of a pod start (Docker builds its
     * network namespace), and creating a container needs the sandbox's id only, not a running sandbox. So while a
     * thread of {@code overlap} starts the sandbox, this one plans the next pass against the sandbox as if it ran
     * already, and creates the containers that pass would start; once the sandbox runs they are started, in order:
     *
     * <pre>
     *   worker:   create sandbox ─┬─ plan(sandbox running) ─ configs ─ create c1, c2 ─┬─ start c1 ─ start c2
     *   overlap:                  └─ start sandbox ──────────────────────────────────┘
     * </pre>
     *
     * Only the plain case overlaps. When anything stands in the way — an image to pull, a volume or ConfigMap not
     * ready, an environment variable referring to the pod IP (known once the sandbox runs) — nothing is created here,
     * and the worker's next planning pass starts the containers the ordinary way, with the ordinary waiting reasons.
     * If the sandbox fails to start, the containers created for it are removed and the failure is thrown.
     *
     * @return a requeue delay if a container failed to start, else null
     */
    private Duration firstStart(Pod pod, ContainerConfig sandbox, String sandboxId, Map<String, PodActions.Waiting> waiting,
                                SyncTimer timer) throws Exception {
        Future<Long> sandboxStart = overlap.submit(() -> {
            long t0 = System.nanoTime();
            runtime.start(sandboxId);
            return (System.nanoTime() - t0) / 1_000_000;
        });
        List<PreCreated> created = new ArrayList<>();
        try {
            preCreate(pod, sandbox, sandboxId, created, timer);
        } finally {
            try {
                timer.note("sandbox start (overlapped)", sandboxStart.get());
                timer.lap("wait for sandbox");
            } catch (ExecutionException e) {
                created.forEach(c -> runtime.remove(c.id()));
                throw e.getCause() instanceof Exception cause ? cause : e;
            }
        }
        Duration requeue = null;
        for (PreCreated c : created) {
            try {
                runtime.start(c.id());
                timer.lap("start " + c.name());
            } catch (RuntimeException e) {
                waiting.put(c.name(), new PodActions.Waiting("RunContainerError", e.getMessage()));
                requeue = Duration.ofSeconds(1);
            }
        }
        return requeue;
    }

    /**
     * Creates the containers the pass after {@code sandbox} runs would start into {@code created}, or none (see
     * {@link #firstStart}).
     */
    private void preCreate(Pod pod, ContainerConfig sandbox, String sandboxId, List<PreCreated> created, SyncTimer timer)
            throws Exception {
        Instant now = clock.instant();
        ContainerInfo assumed = new ContainerInfo(sandboxId, sandbox.name(), sandbox.image(), "", sandbox.labels(),
                ContainerInfo.State.RUNNING, 0, false, now, now, null, "");
        PodActions next = PodPlanner.plan(pod, new PodObservation(List.of(assumed)), probes.unhealthy(), backoff);
        if (next.start().isEmpty() || !next.kill().isEmpty() || !next.remove().isEmpty()
                || next.start().stream().anyMatch(s -> ContainerFactory.needsPodIP(s.spec()) || !images.isPresent(s.spec()))) {
            return;
        }
        List<ContainerConfig> configs = new ArrayList<>();
        try {
            Map<String, Path> mounts = volumes.prepare(pod);
            for (PodActions.Start s : next.start()) {
                configs.add(factory.container(pod, s.spec(), s.attempt(), sandboxId, mounts, "", hostIP));
            }
        } catch (ContainerConfigException e) {
            return;
        }
        timer.lap("plan and configure (overlapped)");
        for (int i = 0; i < configs.size(); i++) {
            String name = next.start().get(i).spec().name();
            created.add(new PreCreated(name, runtime.create(configs.get(i))));
            timer.lap("create " + name + " (overlapped)");
        }
    }

    /** A container created ahead of its sandbox's start: its spec name and its id. */
    private record PreCreated(String name, String id) {
    }

    /** Graceful termination of a pod being deleted, then the deletion of the pod object itself. */
    private ReconcileResult terminate(Pod pod, List<ContainerInfo> containers) throws Exception {
        probes.forgetPod(pod.metadata().uid());
        killer.kill(pod, containers, PodKiller.gracePeriod(pod));
        cleanUp(pod.metadata().uid());
        try {
            podClient.inNamespace(pod.metadata().namespace()).delete(pod.metadata().name(), new DeleteOptions(null, null, 0L,
                    new Preconditions(pod.metadata().uid(), null), null, null, null));
        } catch (ApiException.NotFoundException | ApiException.ConflictException gone) {
            // already deleted, or replaced by a new pod of the same name
        }
        return ReconcileResult.done();
    }

    /** Removes the containers of a pod that no longer exists (deleted while we were down, or force-deleted). */
    public void removePod(String uid, List<ContainerInfo> containers) throws Exception {
        probes.forgetPod(uid);
        killer.kill(null, containers, Duration.ofSeconds(2));
        cleanUp(uid);
    }

    private void cleanUp(String uid) throws Exception {
        volumes.cleanUp(uid);
        backoff.forget(uid + "/");
        backoff.forget("pull/" + uid + "/");
        written.remove(uid);
    }

    private void writeStatus(Pod pod, PodStatus status, SyncTimer timer) throws Exception {
        Object tree = Codec.toTree(status);
        if (tree.equals(Codec.toTree(pod.status())) || tree.equals(written.get(pod.metadata().uid()))) {
            return;
        }
        timer.lap("status build");
        ResourceClient<Pod> client = podClient.inNamespace(pod.metadata().namespace());
        // First with the cached pod's resourceVersion (usually current: one request); on a conflict, with a fresh copy.
        for (int attempt = 0; ; attempt++) {
            Pod fresh = pod;
            try {
                if (attempt > 0) {
                    fresh = client.get(pod.metadata().name());
                }
            } catch (ApiException.NotFoundException gone) {
                return;
            }
            if (!fresh.metadata().uid().equals(pod.metadata().uid()) || fresh.metadata().deletionTimestamp() != null) {
                return;
            }
            try {
                client.updateStatus(fresh.withStatus(status));
                timer.lap("status write " + status.phase() + (attempt > 0 ? " (retry " + attempt + ")" : ""));
                written.put(pod.metadata().uid(), tree);
                return;
            } catch (ApiException.NotFoundException gone) {
                return;
            } catch (ApiException.ConflictException e) {
                if (attempt >= 2) {
                    throw e;
                }
            }
        }
    }

    private static PodObservation observe(String uid, List<ContainerInfo> all) {
        return new PodObservation(all.stream().filter(c -> uid.equals(c.label(ContainerLabels.POD_UID))).toList());
    }

    private static Duration min(Duration a, Duration b) {
        return a == null ? b : b == null ? a : a.compareTo(b) <= 0 ? a : b;
    }
}
