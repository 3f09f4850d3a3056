package io.tugboat.controllermanager.deployment;

import io.tugboat.api.apps.Deployment;
import io.tugboat.api.apps.DeploymentCondition;
import io.tugboat.api.apps.DeploymentStatus;
import io.tugboat.api.apps.ReplicaSet;
import io.tugboat.api.apps.ReplicaSetSpec;
import io.tugboat.api.core.Pod;
import io.tugboat.api.core.PodTemplateSpec;
import io.tugboat.api.meta.ObjectMeta;
import io.tugboat.client.ApiException;
import io.tugboat.client.ObjectClient;
import io.tugboat.client.controller.EventRecorder;
import io.tugboat.client.controller.ReconcileResult;
import io.tugboat.controllermanager.common.ControllerRefs;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One pass over one Deployment: the strategies of Kubernetes' {@code sync.go}, {@code rolling.go} and
 * {@code recreate.go}. It holds the Deployment as it changes during the pass (each status write returns a newer
 * version) and the ReplicaSets it owns.
 *
 * <pre>
 *   rolling update, one step per pass (each write wakes the controller again):
 *     new RS missing?        create it, as large as the surge allows
 *     new RS below replicas? scale it up, as far as replicas + maxSurge allows (pods of all RSs counted)
 *     else old RSs running?  scale them down, as far as replicas - maxUnavailable available pods allows
 *                            (old unhealthy pods first: they cost no availability)
 *     done?                  delete old RSs beyond revisionHistoryLimit
 *   recreate:
 *     old RSs > 0? scale them to 0 ─▶ wait until their pods are gone ─▶ create/scale the new RS to replicas
 * </pre>
 */
final class DeploymentSync {
    private final ObjectClient<Deployment> deployments;
    private final ObjectClient<ReplicaSet> replicaSets;
    private final EventRecorder events;
    private final Clock clock;
    private Deployment d;
    private final List<ReplicaSet> rsList;

    DeploymentSync(Deployment d, List<ReplicaSet> rsList, ObjectClient<Deployment> deployments,
                   ObjectClient<ReplicaSet> replicaSets, EventRecorder events, Clock clock) {
        this.d = d;
        this.rsList = rsList;
        this.deployments = deployments.inNamespace(d.metadata().namespace());
        this.replicaSets = replicaSets.inNamespace(d.metadata().namespace());
        this.events = events;
        this.clock = clock;
    }

    /** The new ReplicaSet (if any, or created if asked) and the old ones; syncs the revision annotations. */
    private record Sets(ReplicaSet newRs, List<ReplicaSet> old) {
        List<ReplicaSet> all() {
            List<ReplicaSet> all = new ArrayList<>(old);
            if (newRs != null) {
                all.add(newRs);
            }
            return all;
        }
    }

    // ------------------------------------------------------------------ entry points

    /** A Deployment being deleted: status only. */
    ReconcileResult syncStatusOnly() throws ApiException {
        Sets sets = sets(false);
        return syncStatus(sets);
    }

    /** Paused, or only scaled: resize proportionally, no rollout step (Kubernetes' {@code sync}). */
    ReconcileResult scaleOnly() throws ApiException {
        Sets sets = sets(false);
        scale(sets);
        if (Boolean.TRUE.equals(d.spec().paused())) {
            cleanup(sets.old());
        }
        return syncStatus(sets);
    }

    /** A scaling event: an active ReplicaSet was last sized for another {@code spec.replicas}. */
    boolean isScalingEvent() throws ApiException {
        Sets sets = sets(false);
        for (ReplicaSet rs : ReplicaSetLists.active(sets.all())) {
            int desired = Revisions.desiredReplicas(rs);
            if (desired >= 0 && desired != RolloutMath.replicas(d)) {
                return true;
            }
        }
        return false;
    }

    /** Records pausing and resuming in the Progressing condition (Kubernetes' {@code checkPausedConditions}). */
    void checkPausedConditions() throws ApiException {
        if (!DeploymentStatuses.hasProgressDeadline(d)) {
            return;
        }
        DeploymentCondition cond = DeploymentConditions.get(d.status(), DeploymentConditions.PROGRESSING);
        if (cond != null && DeploymentConditions.TIMED_OUT.equals(cond.reason())) {
            return; // a reported lack of progress stays
        }
        boolean pausedRecorded = cond != null && DeploymentConditions.PAUSED.equals(cond.reason());
        boolean paused = Boolean.TRUE.equals(d.spec().paused());
        if (paused && !pausedRecorded) {
            writeStatus(DeploymentConditions.set(status(), DeploymentConditions.of(DeploymentConditions.PROGRESSING,
                    "Unknown", DeploymentConditions.PAUSED, "Deployment is paused", clock.instant())));
        } else if (!paused && pausedRecorded) {
            writeStatus(DeploymentConditions.set(status(), DeploymentConditions.of(DeploymentConditions.PROGRESSING,
                    "Unknown", DeploymentConditions.RESUMED, "Deployment is resumed", clock.instant())));
        }
    }

    /** One step of a rolling update (Kubernetes' {@code rolloutRolling}). */
    ReconcileResult rolloutRolling() throws ApiException {
        Sets sets = sets(true);
        if (reconcileNewReplicaSet(sets)) {
            return syncRolloutStatus(sets(false));
        }
        if (reconcileOldReplicaSets(sets)) {
            return syncRolloutStatus(sets(false));
        }
        if (DeploymentStatuses.complete(d, status())) {
            cleanup(sets.old());
        }
        return syncRolloutStatus(sets);
    }

    /** One step of a recreate (Kubernetes' {@code rolloutRecreate}). */
    ReconcileResult rolloutRecreate(Map<String, List<Pod>> podsByReplicaSetUid) throws ApiException {
        Sets sets = sets(false);
        boolean scaledDown = false;
        for (ReplicaSet rs : ReplicaSetLists.active(sets.old())) {
            scaledDown |= scaleAndRecord(rs, 0) != null;
        }
        if (scaledDown || oldPodsRunning(sets, podsByReplicaSetUid)) {
            return syncRolloutStatus(sets(false));
        }
        if (sets.newRs() == null) {
            sets = sets(true);
        }
        scaleAndRecord(sets.newRs(), RolloutMath.replicas(d));
        if (DeploymentStatuses.complete(d, status())) {
            cleanup(sets.old());
        }
        return syncRolloutStatus(sets(false));
    }

    // ------------------------------------------------------------------ rolling update

    private boolean reconcileNewReplicaSet(Sets sets) throws ApiException {
        ReplicaSet newRs = sets.newRs();
        int replicas = RolloutMath.replicas(d);
        int current = ReplicaSetLists.specReplicas(newRs);
        if (current == replicas) {
            return false;
        }
        if (current > replicas) {
            return scaleAndRecord(newRs, replicas) != null;
        }
        int target = RolloutMath.newReplicaSetReplicas(d, ReplicaSetLists.podsAccountedFor(sets.all()), current);
        return scaleAndRecord(newRs, target) != null;
    }

    private boolean reconcileOldReplicaSets(Sets sets) throws ApiException {
        List<ReplicaSet> old = new ArrayList<>(ReplicaSetLists.active(sets.old()));
        if (ReplicaSetLists.specReplicas(old) == 0) {
            return false;
        }
        ReplicaSet newRs = sets.newRs();
        int allPods = ReplicaSetLists.specReplicas(old) + ReplicaSetLists.specReplicas(newRs);
        int minAvailable = RolloutMath.replicas(d) - RolloutMath.maxUnavailable(d);
        int newUnavailable = ReplicaSetLists.specReplicas(newRs) - ReplicaSetLists.available(newRs);
        int maxScaledDown = allPods - minAvailable - newUnavailable;
        if (maxScaledDown <= 0) {
            return false;
        }
        // Unhealthy old pods first: removing them costs no availability, and they could block the rollout.
        old.sort(ReplicaSetLists.BY_CREATION);
        int cleaned = 0;
        for (int i = 0; i < old.size() && cleaned < maxScaledDown; i++) {
            ReplicaSet rs = old.get(i);
            int size = ReplicaSetLists.specReplicas(rs);
            int unhealthy = size - ReplicaSetLists.available(rs);
            if (size == 0 || unhealthy <= 0) {
                continue;
            }
            int count = Math.min(maxScaledDown - cleaned, unhealthy);
            ReplicaSet scaled = scaleAndRecord(rs, size - count);
            if (scaled != null) {
                old.set(i, scaled);
            }
            cleaned += count;
        }
        List<ReplicaSet> all = new ArrayList<>(old);
        if (newRs != null) {
            all.add(newRs);
        }
        int available = ReplicaSetLists.availableAfterScaling(all);
        int scaledDown = 0;
        if (available > minAvailable) {
            int toScaleDown = available - minAvailable;
            for (ReplicaSet rs : old) {
                if (scaledDown >= toScaleDown) {
                    break;
                }
                int size = ReplicaSetLists.specReplicas(rs);
                if (size == 0) {
                    continue;
                }
                int count = Math.min(size, toScaleDown - scaledDown);
                scaleAndRecord(rs, size - count);
                scaledDown += count;
            }
        }
        return cleaned + scaledDown > 0;
    }

    private static boolean oldPodsRunning(Sets sets, Map<String, List<Pod>> podsByReplicaSetUid) {
        if (ReplicaSetLists.statusReplicas(sets.old()) > 0) {
            return true;
        }
        String newUid = sets.newRs() == null ? null : sets.newRs().metadata().uid();
        for (Map.Entry<String, List<Pod>> entry : podsByReplicaSetUid.entrySet()) {
            if (entry.getKey().equals(newUid)) {
                continue;
            }
            for (Pod pod : entry.getValue()) {
                String phase = pod.status() == null ? null : pod.status().phase();
                if (!"Failed".equals(phase) && !"Succeeded".equals(phase)) {
                    return true;
                }
            }
        }
        return false;
    }

    // ------------------------------------------------------------------ scaling

    /** Kubernetes' {@code scale}: resize for a new {@code spec.replicas}, proportionally mid-rollout. */
    private void scale(Sets sets) throws ApiException {
        ReplicaSet activeOrLatest = activeOrLatest(sets);
        int replicas = RolloutMath.replicas(d);
        if (activeOrLatest != null) {
            if (ReplicaSetLists.specReplicas(activeOrLatest) != replicas) {
                scaleAndRecord(activeOrLatest, replicas);
            }
            return;
        }
        if (saturated(sets.newRs())) {
            for (ReplicaSet rs : ReplicaSetLists.active(sets.old())) {
                scaleAndRecord(rs, 0);
            }
            return;
        }
        if (!RolloutMath.isRollingUpdate(d)) {
            return;
        }
        List<ReplicaSet> active = ReplicaSetLists.active(sets.all());
        int toAdd = (replicas > 0 ? replicas + RolloutMath.maxSurge(d) : 0) - ReplicaSetLists.specReplicas(active);
        Map<String, Integer> sizes = ProportionalScaling.newSizes(d, active);
        for (ReplicaSet rs : active) {
            scale(rs, sizes.get(rs.metadata().name()), toAdd > 0 ? "up" : "down");
        }
    }

    /** The only active ReplicaSet, else the new or newest one if none is active; {@code null} if several are. */
    private static ReplicaSet activeOrLatest(Sets sets) {
        List<ReplicaSet> active = ReplicaSetLists.active(sets.all());
        if (active.size() == 1) {
            return active.get(0);
        }
        if (!active.isEmpty()) {
            return null;
        }
        if (sets.newRs() != null) {
            return sets.newRs();
        }
        return sets.old().stream().max(ReplicaSetLists.BY_CREATION).orElse(null);
    }

    /** The new ReplicaSet has all replicas available at the Deployment's size (Kubernetes' {@code IsSaturated}). */
    private boolean saturated(ReplicaSet rs) {
        int replicas = RolloutMath.replicas(d);
        return rs != null && Revisions.desiredReplicas(rs) == replicas && ReplicaSetLists.specReplicas(rs) == replicas
                && ReplicaSetLists.available(rs) == replicas;
    }

    /** Scales {@code rs} to {@code size}; returns the updated ReplicaSet, or {@code null} if the size was already that. */
    private ReplicaSet scaleAndRecord(ReplicaSet rs, int size) throws ApiException {
        int current = ReplicaSetLists.specReplicas(rs);
        if (current == size) {
            return null;
        }
        return scale(rs, size, size > current ? "up" : "down");
    }

    /**
     * Writes {@code size} and the replica annotations if either differs; records {@code ScalingReplicaSet} when the
     * size changed. Returns the written ReplicaSet, or {@code null} if the size did not change.
     */
    private ReplicaSet scale(ReplicaSet rs, int size, String operation) throws ApiException {
        int current = ReplicaSetLists.specReplicas(rs);
        int replicas = RolloutMath.replicas(d);
        int max = replicas + RolloutMath.maxSurge(d);
        boolean sizeChanges = current != size;
        if (!sizeChanges && !Revisions.replicasAnnotationsNeedUpdate(rs, replicas, max)) {
            return null;
        }
        Map<String, String> annotations = new LinkedHashMap<>();
        if (rs.metadata().annotations() != null) {
            annotations.putAll(rs.metadata().annotations());
        }
        annotations.putAll(Revisions.replicasAnnotations(replicas, max));
        ReplicaSet updated = replicaSets.update(rs.withMetadata(rs.metadata().withAnnotations(annotations))
                .withSpec(rs.spec().withReplicas(size)));
        replace(rs, updated);
        if (!sizeChanges) {
            return null;
        }
        events.event(d, EventRecorder.NORMAL, "ScalingReplicaSet", "Scaled %s replica set %s to %d from %d",
                operation, rs.metadata().name(), size, current);
        return updated;
    }

    /** Deletes the oldest scaled-down ReplicaSets beyond {@code revisionHistoryLimit} (Kubernetes' {@code cleanupDeployment}). */
    private void cleanup(List<ReplicaSet> old) throws ApiException {
        Integer limit = d.spec().revisionHistoryLimit();
        if (limit == null) {
            return;
        }
        List<ReplicaSet> cleanable = new ArrayList<>(old.stream().filter(rs -> rs.metadata().deletionTimestamp() == null).toList());
        int diff = cleanable.size() - limit;
        if (diff <= 0) {
            return;
        }
        cleanable.sort(ReplicaSetLists.BY_REVISION);
        for (ReplicaSet rs : cleanable.subList(0, diff)) {
            long generation = rs.metadata().generation() == null ? 0 : rs.metadata().generation();
            long observed = rs.status() == null || rs.status().observedGeneration() == null ? 0 : rs.status().observedGeneration();
            if (ReplicaSetLists.statusReplicas(List.of(rs)) != 0 || ReplicaSetLists.specReplicas(rs) != 0 || generation > observed) {
                continue; // still has pods, or its controller has not caught up: not history yet
            }
            try {
                replicaSets.delete(rs.metadata().name(), null);
            } catch (ApiException.NotFoundException e) {
                // gone already
            }
        }
    }

    // ------------------------------------------------------------------ the new ReplicaSet

    private Sets sets(boolean createIfMissing) throws ApiException {
        ReplicaSet existing = ReplicaSetLists.findNew(d, rsList);
        List<ReplicaSet> old = ReplicaSetLists.old(rsList, existing);
        long newRevision = Revisions.max(old) + 1;
        if (existing != null) {
            return new Sets(syncExisting(existing, newRevision), old);
        }
        if (!createIfMissing) {
            return new Sets(null, old);
        }
        return new Sets(createNew(old, newRevision), old);
    }

    /** Kubernetes' {@code getNewReplicaSet} for a new ReplicaSet that exists: revision and minReadySeconds in sync. */
    private ReplicaSet syncExisting(ReplicaSet rs, long newRevision) throws ApiException {
        Map<String, String> annotations = Revisions.forNewReplicaSet(d, rs.metadata().annotations(), newRevision, true);
        boolean minReadyChanged = !Objects.equals(zero(rs.spec().minReadySeconds()), zero(d.spec().minReadySeconds()));
        if (!annotations.equals(rs.metadata().annotations() == null ? Map.of() : rs.metadata().annotations()) || minReadyChanged) {
            ReplicaSet updated = replicaSets.update(rs.withMetadata(rs.metadata().withAnnotations(annotations))
                    .withSpec(rs.spec().withMinReadySeconds(d.spec().minReadySeconds())));
            replace(rs, updated);
            return updated;
        }
        syncDeploymentRevision(Revisions.annotation(rs.metadata().annotations(), Revisions.REVISION));
        if (DeploymentStatuses.hasProgressDeadline(d) && DeploymentConditions.get(d.status(), DeploymentConditions.PROGRESSING) == null) {
            writeStatus(DeploymentConditions.set(status(), DeploymentConditions.of(DeploymentConditions.PROGRESSING, "True",
                    DeploymentConditions.FOUND_NEW_RS, "Found new replica set \"" + rs.metadata().name() + "\"", clock.instant())));
        }
        return rs;
    }

    /** Kubernetes' {@code getNewReplicaSet} when none exists: create {@code <deployment>-<hash>}. */
    private ReplicaSet createNew(List<ReplicaSet> old, long newRevision) throws ApiException {
        Integer collisions = d.status() == null ? null : d.status().collisionCount();
        String hash = TemplateHash.compute(d.spec().template(), collisions);
        PodTemplateSpec template = TemplateHash.withLabel(d.spec().template(), hash);
        String name = d.metadata().name() + "-" + hash;
        ObjectMeta meta = new ObjectMeta(name, null, d.metadata().namespace(), null, null, null, null, null, null, null,
                template.metadata().labels(), null,
                List.of(ControllerRefs.newControllerRef(d, Deployment.API_VERSION, Deployment.KIND)), null);
        ReplicaSet draft = ReplicaSet.of(meta, new ReplicaSetSpec(0, d.spec().minReadySeconds(),
                TemplateHash.withLabel(d.spec().selector(), hash), template), null);
        List<ReplicaSet> all = new ArrayList<>(old);
        all.add(draft);
        int size = RolloutMath.newReplicaSetReplicas(d, ReplicaSetLists.podsAccountedFor(all), 0);
        draft = draft.withSpec(draft.spec().withReplicas(size))
                .withMetadata(meta.withAnnotations(Revisions.forNewReplicaSet(d, null, newRevision, false)));
        ReplicaSet created;
        boolean alreadyExists = false;
        try {
            created = replicaSets.create(draft);
        } catch (ApiException.AlreadyExistsException e) {
            alreadyExists = true;
            created = existingOrCollision(name, e);
        } catch (ApiException e) {
            String message = "Failed to create new replica set \"" + name + "\": " + e.getMessage();
            if (DeploymentStatuses.hasProgressDeadline(d)) {
                writeStatus(DeploymentConditions.set(status(), DeploymentConditions.of(DeploymentConditions.PROGRESSING,
                        "False", DeploymentConditions.FAILED_RS_CREATE, message, clock.instant())));
            }
            events.event(d, EventRecorder.WARNING, DeploymentConditions.FAILED_RS_CREATE, message);
            throw e;
        }
        if (!alreadyExists && size > 0) {
            events.event(d, EventRecorder.NORMAL, "ScalingReplicaSet", "Scaled up replica set %s to %d", name, size);
        }
        rsList.add(created);
        syncDeploymentRevision(Long.toString(newRevision));
        if (!alreadyExists && DeploymentStatuses.hasProgressDeadline(d)) {
            writeStatus(DeploymentConditions.set(status(), DeploymentConditions.of(DeploymentConditions.PROGRESSING, "True",
                    DeploymentConditions.NEW_RS_CREATED, "Created new replica set \"" + name + "\"", clock.instant())));
        }
        return created;
    }

    /**
     * The name is taken: by our own ReplicaSet for this template (the cache was behind), which we use; or by
     * another template with the same hash, which raises {@code status.collisionCount} so the next pass hashes
     * differently.
     */
    private ReplicaSet existingOrCollision(String name, ApiException.AlreadyExistsException e) throws ApiException {
        ReplicaSet rs = replicaSets.get(name);
        var ref = ControllerRefs.controllerOf(rs);
        if (ref != null && Objects.equals(ref.uid(), d.metadata().uid())
                && TemplateHash.equalIgnoringHash(d.spec().template(), rs.spec().template())) {
            return rs;
        }
        int collisions = d.status() == null || d.status().collisionCount() == null ? 0 : d.status().collisionCount();
        writeStatus(status().withCollisionCount(collisions + 1));
        throw e;
    }

    /** The Deployment carries the revision of its new ReplicaSet, as Kubernetes' {@code SetDeploymentRevision}. */
    private void syncDeploymentRevision(String revision) throws ApiException {
        if (revision == null || revision.equals(Revisions.annotation(d.metadata().annotations(), Revisions.REVISION))) {
            return;
        }
        String patch = "{\"metadata\":{\"annotations\":{\"" + Revisions.REVISION + "\":\"" + revision + "\"}}}";
        d = deployments.mergePatch(d.metadata().name(), patch);
    }

    private void replace(ReplicaSet old, ReplicaSet updated) {
        rsList.replaceAll(rs -> Objects.equals(rs.metadata().uid(), old.metadata().uid()) ? updated : rs);
    }

    // ------------------------------------------------------------------ status

    private DeploymentStatus status() {
        return d.status() == null ? new DeploymentStatus(null, null, null, null, null, null, null, null) : d.status();
    }

    private ReconcileResult syncStatus(Sets sets) throws ApiException {
        DeploymentStatus next = DeploymentStatuses.calculate(sets.all(), sets.newRs(), d, clock.instant());
        if (!next.equals(d.status())) {
            writeStatus(next);
        }
        return ReconcileResult.done();
    }

    private ReconcileResult syncRolloutStatus(Sets sets) throws ApiException {
        DeploymentStatus next = DeploymentStatuses.rollout(sets.all(), sets.newRs(), d, clock.instant());
        if (next.equals(d.status())) {
            Optional<Duration> wait = DeploymentStatuses.untilDeadline(d, next, clock.instant());
            return wait.map(ReconcileResult::requeueAfter).orElse(ReconcileResult.done());
        }
        writeStatus(next);
        return ReconcileResult.done();
    }

    private void writeStatus(DeploymentStatus status) throws ApiException {
        d = deployments.updateStatus(d.withStatus(status));
    }

    private static int zero(Integer value) {
        return value == null ? 0 : value;
    }
}
