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
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
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
    /** The last status written per pod uid, so that a stale cache does not cause the same write twice. */
    private final Map<String, Object> written = new ConcurrentHashMap<>();

    public PodWorker(String node, String hostIP, Lister<Pod> pods, ResourceClient<Pod> podClient, ContainerRuntime runtime,
                     ContainerFactory factory, VolumeManager volumes, ImagePuller images, ProbeManager probes,
                     PodKiller killer, CrashBackoff backoff, Clock clock) {
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
        for (int pass = 0; pass < 3; pass++) {
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
            if (!runtime.hasImage(factory.infraImage())) {
                runtime.pull(factory.infraImage());
            }
            timer.lap("sandbox image");
            String id = runtime.create(factory.sandbox(pod, actions.sandboxAttempt()));
            timer.lap("sandbox create");
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
