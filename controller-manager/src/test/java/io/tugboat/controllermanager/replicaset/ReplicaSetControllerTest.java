package io.tugboat.controllermanager.replicaset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tugboat.api.Codec;
import io.tugboat.api.ResourceKinds;
import io.tugboat.api.apps.ReplicaSet;
import io.tugboat.api.apps.ReplicaSetCondition;
import io.tugboat.api.apps.ReplicaSetStatus;
import io.tugboat.api.core.Pod;
import io.tugboat.api.core.PodCondition;
import io.tugboat.api.core.PodStatus;
import io.tugboat.api.meta.DeleteOptions;
import io.tugboat.api.meta.ListMeta;
import io.tugboat.api.meta.ObjectList;
import io.tugboat.api.meta.OwnerReference;
import io.tugboat.api.meta.Status;
import io.tugboat.client.ApiException;
import io.tugboat.client.ListOptions;
import io.tugboat.client.ObjectClient;
import io.tugboat.client.controller.Keys;
import io.tugboat.client.controller.ReconcileResult;
import io.tugboat.client.informer.Deleted;
import io.tugboat.client.informer.DeletedObject;
import io.tugboat.client.testing.FakeClock;
import io.tugboat.client.testing.FakeObjectClient;
import io.tugboat.client.testing.Listers;
import io.tugboat.controllermanager.common.ControllerRefs;
import io.tugboat.controllermanager.testing.RecordingEvents;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The ReplicaSet controller's decisions with fake clients and caches filled by hand. Creates run one after the other
 * (the fake's generated names are not meant for concurrent creates).
 */
class ReplicaSetControllerTest {
    final FakeClock clock = new FakeClock();
    final FakeObjectClient<ReplicaSet> replicaSets = new FakeObjectClient<>(ResourceKinds.REPLICA_SETS).withClock(clock);
    final FakeObjectClient<Pod> pods = new FakeObjectClient<>(ResourceKinds.PODS).withClock(clock);
    final RecordingEvents events = new RecordingEvents();
    ObjectClient<Pod> podWrites = pods;
    ReplicaSetController controller;

    static ReplicaSet replicaSet(int replicas, Integer minReadySeconds) {
        try {
            return Codec.fromYaml("""
                    apiVersion: apps/v1
                    kind: ReplicaSet
                    metadata: {name: web, namespace: default, uid: rs-uid, generation: 2}
                    spec:
                      replicas: %d
                      minReadySeconds: %d
                      selector: {matchLabels: {app: web}}
                      template:
                        metadata: {labels: {app: web, tier: front}}
                        spec:
                          containers: [{name: main, image: "img:1"}]
                    """.formatted(replicas, minReadySeconds == null ? 0 : minReadySeconds), ReplicaSet.class).value();
        } catch (io.tugboat.api.DecodeException e) {
            throw new IllegalStateException(e);
        }
    }

    static final OwnerReference OWNED = new OwnerReference("apps/v1", "ReplicaSet", "web", "rs-uid", true, true);

    /** A pod of the ReplicaSet's template, owned as given, Running and ready as given. */
    static Pod pod(String name, OwnerReference owner, boolean ready) {
        ReplicaSet rs = replicaSet(1, 0);
        Pod pod = ReplicaSetController.podFromTemplate(rs, OWNED);
        pod = pod.withMetadata(pod.metadata().withName(name).withGenerateName(null)
                .withOwnerReferences(owner == null ? null : List.of(owner)));
        return pod.withSpec(pod.spec().withNodeName("node-1")).withStatus(status("Running", ready, FakeClock.DEFAULT_START));
    }

    static PodStatus status(String phase, boolean ready, Instant since) {
        return new PodStatus(phase, List.of(new PodCondition("Ready", ready ? "True" : "False", null, since, null, null)),
                null, null, null, null, null, null, null, null, null, null);
    }

    ReconcileResult reconcile() throws Exception {
        controller = new ReplicaSetController(Listers.of(replicaSets.objects().toArray(ReplicaSet[]::new)),
                Listers.of(pods.objects().toArray(Pod[]::new)), replicaSets, podWrites, events.recorder(), clock, Runnable::run);
        return controller.reconcile("default/web");
    }

    /** The pod handler sees every pod the fake holds, as the informer would deliver them. */
    void podsArrive(ReplicaSetController c) {
        ReplicaSetEventHandlers.ForPods handler = new ReplicaSetEventHandlers.ForPods(
                Listers.of(replicaSets.objects().toArray(ReplicaSet[]::new)), c.expectations(), key -> { });
        pods.objects().forEach(handler::onAdd);
    }

    ReplicaSet rs() throws Exception {
        return replicaSets.inNamespace("default").get("web");
    }

    @Test
    void createsMissingPodsFromTheTemplateOwnedByTheReplicaSet() throws Exception {
        replicaSets.seed(replicaSet(3, null));
        reconcile();

        assertEquals(3, pods.objects().size());
        for (Pod pod : pods.objects()) {
            assertTrue(pod.metadata().name().startsWith("web-"), pod.metadata().name());
            assertEquals("web-", pod.metadata().generateName());
            assertEquals(Map.of("app", "web", "tier", "front"), pod.metadata().labels());
            OwnerReference ref = ControllerRefs.controllerOf(pod);
            assertEquals(rs().metadata().uid(), ref.uid());
            assertEquals(Boolean.TRUE, ref.blockOwnerDeletion());
        }
        assertEquals(3, events.events().stream().filter(e -> e.startsWith("SuccessfulCreate: Created pod: web-")).count());
    }

    @Test
    void neverCreatesTwiceWhileItsOwnCreatesAreNotInTheCacheYet() throws Exception {
        replicaSets.seed(replicaSet(3, null));
        ReplicaSetController first = new ReplicaSetController(Listers.of(replicaSets.objects().toArray(ReplicaSet[]::new)),
                Listers.of(), replicaSets, pods, events.recorder(), clock, Runnable::run);
        first.reconcile("default/web");
        assertEquals(3, pods.objects().size());

        // Woken again before the informer shows any of the 3 pods: the cache is still empty.
        ReconcileResult result = first.reconcile("default/web");
        assertEquals(3, pods.objects().size(), "no second round of creates");
        assertTrue(result instanceof ReconcileResult.RequeueAfter);

        // The pod handler counts the creates off as they arrive; then the controller acts again.
        podsArrive(first);
        assertTrue(first.expectations().satisfied("default/web"));
    }

    @Test
    void slowStartStopsAfterTheFirstFailingBatch() throws Exception {
        replicaSets.seed(replicaSet(10, null));
        List<Integer> attempts = new ArrayList<>();
        podWrites = new FailingCreates(pods, 3, attempts); // the 4th create fails
        assertThrows(ApiException.class, this::reconcile);
        // Batches 1, 2 (ok), then 4: one of them fails, so nothing after that batch.
        assertEquals(7, attempts.size());
        assertEquals(6, pods.objects().size());
        ReplicaSetCondition failure = rs().status().conditions().get(0);
        assertEquals("ReplicaFailure", failure.type());
        assertEquals("FailedCreate", failure.reason());
        assertTrue(events.events().contains("FailedCreate: Error creating: quota exceeded"));
        // The failed and untried creates were counted off at once; the 6 that worked are awaited from the informer.
        assertTrue(!controller.expectations().satisfied("default/web"));
        podsArrive(controller);
        assertTrue(controller.expectations().satisfied("default/web"));
    }

    @Test
    void deletesSurplusPodsCheapestFirst() throws Exception {
        replicaSets.seed(replicaSet(2, null));
        Pod unscheduled = pod("a-unscheduled", OWNED, false);
        unscheduled = unscheduled.withSpec(unscheduled.spec().withNodeName(null)).withStatus(status("Pending", false, null));
        pods.seed(pod("b-ready", OWNED, true), unscheduled, pod("c-not-ready", OWNED, false), pod("d-ready", OWNED, true));
        reconcile();
        assertEquals(List.of("delete default/a-unscheduled", "delete default/c-not-ready"),
                pods.writes().stream().filter(w -> w.startsWith("delete")).toList());
    }

    @Test
    void adoptsMatchingOrphansAndReleasesPodsThatStoppedMatching() throws Exception {
        replicaSets.seed(replicaSet(2, null));
        Pod strayed = pod("strayed", OWNED, true);
        strayed = strayed.withMetadata(strayed.metadata().withLabels(Map.of("app", "other")));
        OwnerReference someoneElse = new OwnerReference("apps/v1", "ReplicaSet", "x", "other-uid", true, true);
        pods.seed(pod("orphan", null, true), pod("mine", OWNED, true), strayed, pod("theirs", someoneElse, true));
        reconcile();

        assertEquals(OWNED.uid(), ControllerRefs.controllerOf(pods.inNamespace("default").get("orphan")).uid());
        assertEquals(null, pods.inNamespace("default").get("strayed").metadata().ownerReferences());
        assertEquals(OWNED.uid(), ControllerRefs.controllerOf(pods.inNamespace("default").get("mine")).uid());
        assertEquals("other-uid", ControllerRefs.controllerOf(pods.inNamespace("default").get("theirs")).uid());
        assertEquals(List.of("patch default/orphan", "patch default/strayed"), pods.writes().stream().sorted().toList());
    }

    @Test
    void finishedAndTerminatingPodsDoNotCountAndAreReplaced() throws Exception {
        replicaSets.seed(replicaSet(3, null));
        Pod failed = pod("failed", OWNED, false).withStatus(status("Failed", false, null));
        Pod succeeded = pod("succeeded", OWNED, false).withStatus(status("Succeeded", false, null));
        Pod leaving = pod("leaving", OWNED, true);
        leaving = leaving.withMetadata(leaving.metadata().withDeletionTimestamp(FakeClock.DEFAULT_START));
        pods.seed(pod("running", OWNED, true), failed, succeeded, leaving);
        reconcile();
        assertEquals(2, pods.writes().stream().filter(w -> w.startsWith("create")).count());
        assertEquals(1, rs().status().replicas());
    }

    @Test
    void statusCountsReadyAvailableAndFullyLabeledPods() throws Exception {
        replicaSets.seed(replicaSet(3, 10));
        Pod partial = pod("partial", OWNED, true);
        partial = partial.withMetadata(partial.metadata().withLabels(Map.of("app", "web")));
        Pod fresh = pod("fresh", OWNED, true).withStatus(status("Running", true, FakeClock.DEFAULT_START.plusSeconds(5)));
        pods.seed(pod("old", OWNED, true), partial, fresh);
        clock.advance(Duration.ofSeconds(12));
        ReconcileResult result = reconcile();

        ReplicaSetStatus status = rs().status();
        assertEquals(3, status.replicas());
        assertEquals(2, status.fullyLabeledReplicas(), "one pod lacks the tier label");
        assertEquals(3, status.readyReplicas());
        assertEquals(2, status.availableReplicas(), "ready for 7 s only: not available with minReadySeconds 10");
        assertEquals(2L, status.observedGeneration());
        assertEquals(ReconcileResult.requeueAfter(Duration.ofSeconds(10)).toString(), result.toString(),
                "looks again when the fresh pod may have become available");
    }

    @Test
    void aSecondPassWithNothingChangedWritesNothing() throws Exception {
        replicaSets.seed(replicaSet(2, null));
        pods.seed(pod("a", OWNED, true), pod("b", OWNED, true));
        reconcile();
        pods.clearActions();
        replicaSets.clearActions();
        reconcile();
        assertEquals(List.of(), pods.writes());
        assertEquals(List.of(), replicaSets.writes());
    }

    @Test
    void aPodSeenBeingDeletedCountsOffAnExpectedDeletion() {
        ReplicaSet rs = replicaSets.seed(replicaSet(1, null)).objects().get(0);
        ReplicaSetController c = new ReplicaSetController(Listers.of(rs), Listers.of(), replicaSets, pods,
                events.recorder(), clock, Runnable::run);
        Pod doomed = pod("doomed", new OwnerReference("apps/v1", "ReplicaSet", "web", rs.metadata().uid(), true, true), true);
        c.expectations().expectDeletions("default/web", List.of(Keys.keyOf(doomed)));
        ReplicaSetEventHandlers.ForPods handler = new ReplicaSetEventHandlers.ForPods(Listers.of(rs), c.expectations(), key -> { });
        Pod marked = doomed.withMetadata(doomed.metadata().withDeletionTimestamp(FakeClock.DEFAULT_START).withResourceVersion("9"));
        handler.onUpdate(doomed, marked);
        assertTrue(c.expectations().satisfied("default/web"));
        Deleted<Pod> gone = new DeletedObject<>(marked);
        handler.onDelete(gone); // seen twice, counted once
        assertTrue(c.expectations().satisfied("default/web"));
    }

    /** Creates succeed {@code okCount} times, then one fails, then the rest succeed. */
    static final class FailingCreates implements ObjectClient<Pod> {
        private final FakeObjectClient<Pod> delegate;
        private final int failAt;
        private final List<Integer> attempts;

        FailingCreates(FakeObjectClient<Pod> delegate, int failAt, List<Integer> attempts) {
            this.delegate = delegate;
            this.failAt = failAt;
            this.attempts = attempts;
        }

        @Override
        public ObjectClient<Pod> inNamespace(String namespace) {
            return this;
        }

        @Override
        public Pod get(String name) throws ApiException {
            return delegate.inNamespace("default").get(name);
        }

        @Override
        public ObjectList<Pod> list(ListOptions options) {
            return delegate.list(options);
        }

        @Override
        public synchronized Pod create(Pod object) throws ApiException {
            attempts.add(attempts.size());
            if (attempts.size() == failAt + 1) {
                throw new ApiException(new Status("v1", "Status", new ListMeta(null, null, null, null),
                        "Failure", "quota exceeded", "Forbidden", null, 403));
            }
            return delegate.inNamespace("default").create(object);
        }

        @Override
        public Pod update(Pod object) throws ApiException {
            return delegate.update(object);
        }

        @Override
        public Pod updateStatus(Pod object) throws ApiException {
            return delegate.updateStatus(object);
        }

        @Override
        public Pod mergePatch(String name, String patch) throws ApiException {
            return delegate.inNamespace("default").mergePatch(name, patch);
        }

        @Override
        public void delete(String name, DeleteOptions options) throws ApiException {
            delegate.inNamespace("default").delete(name, options);
        }
    }
}
