package io.tugboat.controllermanager.deployment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tugboat.api.Codec;
import io.tugboat.api.ResourceKinds;
import io.tugboat.api.apps.Deployment;
import io.tugboat.api.apps.DeploymentCondition;
import io.tugboat.api.apps.ReplicaSet;
import io.tugboat.api.apps.ReplicaSetStatus;
import io.tugboat.api.core.Pod;
import io.tugboat.client.controller.ReconcileResult;
import io.tugboat.client.testing.FakeClock;
import io.tugboat.client.testing.FakeObjectClient;
import io.tugboat.client.testing.Listers;
import io.tugboat.controllermanager.testing.RecordingEvents;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The Deployment controller's decisions with fake clients: the caches are filled from the fakes before each pass,
 * as an informer that has caught up would have them.
 */
class DeploymentControllerTest {
    final FakeClock clock = new FakeClock();
    final FakeObjectClient<Deployment> deployments = new FakeObjectClient<>(ResourceKinds.DEPLOYMENTS).withClock(clock);
    final FakeObjectClient<ReplicaSet> replicaSets = new FakeObjectClient<>(ResourceKinds.REPLICA_SETS).withClock(clock);
    final RecordingEvents events = new RecordingEvents();

    static Deployment deployment(String name, int replicas, String image) {
        try {
            return Codec.fromYaml("""
                    apiVersion: apps/v1
                    kind: Deployment
                    metadata: {name: %1$s, namespace: default, generation: 1}
                    spec:
                      replicas: %2$d
                      selector: {matchLabels: {app: %1$s}}
                      strategy: {type: RollingUpdate, rollingUpdate: {maxSurge: 25%%, maxUnavailable: 25%%}}
                      revisionHistoryLimit: 10
                      progressDeadlineSeconds: 600
                      template:
                        metadata: {labels: {app: %1$s}}
                        spec:
                          containers: [{name: main, image: "%3$s"}]
                    """.formatted(name, replicas, image), Deployment.class).value();
        } catch (io.tugboat.api.DecodeException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One pass, with caches showing what the fakes hold now. */
    ReconcileResult reconcile(String key) throws Exception {
        DeploymentController controller = new DeploymentController(
                Listers.of(deployments.objects().toArray(Deployment[]::new)),
                Listers.of(replicaSets.objects().toArray(ReplicaSet[]::new)),
                Listers.<Pod>of(), deployments, replicaSets, events.recorder(), clock);
        return controller.reconcile(key);
    }

    /** Every ReplicaSet reports all its replicas ready and available, as their controller would. */
    void allPodsAvailable() throws Exception {
        for (ReplicaSet rs : replicaSets.objects()) {
            int n = rs.spec().replicas();
            replicaSets.inNamespace("default").updateStatus(rs.withStatus(
                    new ReplicaSetStatus(n, n, n, n, rs.metadata().generation(), null)));
        }
    }

    /** What `kubectl set image` does: a new template. */
    void changeImage(String image) throws Exception {
        Deployment d = web();
        deployments.inNamespace("default").update(d.withSpec(d.spec().withTemplate(
                deployment("web", 1, image).spec().template())));
    }

    List<ReplicaSet> sets() {
        return replicaSets.objects().stream().sorted(Comparator.comparingLong(Revisions::of)).toList();
    }

    Deployment web() throws Exception {
        return deployments.inNamespace("default").get("web");
    }

    @Test
    void aNewDeploymentGetsOneReplicaSetNamedAfterItsTemplateHashAtFullSize() throws Exception {
        deployments.seed(deployment("web", 3, "img:1"));
        reconcile("default/web");

        ReplicaSet rs = replicaSets.objects().get(0);
        String hash = TemplateHash.compute(deployment("web", 3, "img:1").spec().template(), null);
        assertEquals("web-" + hash, rs.metadata().name());
        assertEquals(3, rs.spec().replicas());
        assertEquals(hash, rs.spec().selector().matchLabels().get(TemplateHash.LABEL));
        assertEquals(hash, rs.spec().template().metadata().labels().get(TemplateHash.LABEL));
        assertEquals(hash, rs.metadata().labels().get(TemplateHash.LABEL));
        assertEquals("1", rs.metadata().annotations().get(Revisions.REVISION));
        assertEquals("3", rs.metadata().annotations().get(Revisions.DESIRED_REPLICAS));
        assertEquals("4", rs.metadata().annotations().get(Revisions.MAX_REPLICAS));
        assertEquals(Boolean.TRUE, rs.metadata().ownerReferences().get(0).controller());
        assertEquals(Boolean.TRUE, rs.metadata().ownerReferences().get(0).blockOwnerDeletion());
        assertEquals("1", web().metadata().annotations().get(Revisions.REVISION));
        DeploymentCondition progressing = DeploymentConditions.get(web().status(), DeploymentConditions.PROGRESSING);
        assertEquals(DeploymentConditions.NEW_RS_CREATED, progressing.reason());
        assertEquals("Created new replica set \"web-" + hash + "\"", progressing.message());
        assertEquals(List.of("ScalingReplicaSet: Scaled up replica set web-" + hash + " to 3"), events.events());
    }

    @Test
    void aRollingUpdateStepsWithinSurgeAndAvailabilityToCompletion() throws Exception {
        deployments.seed(deployment("web", 10, "img:1"));
        reconcile("default/web");
        allPodsAvailable();
        reconcile("default/web");
        changeImage("img:2");

        reconcile("default/web");
        assertEquals(List.of(8, 3), sets().stream().map(rs -> rs.spec().replicas()).toList(),
                "the surge (3 new), and old down to replicas - maxUnavailable = 8 available, in one pass");
        assertEquals("2", sets().get(1).metadata().annotations().get(Revisions.REVISION));

        reconcile("default/web");
        assertEquals(List.of(8, 3), sets().stream().map(rs -> rs.spec().replicas()).toList(),
                "no new pod available yet: nothing more to do");
        for (int step = 0; step < 20; step++) {
            allPodsAvailable();
            reconcile("default/web");
            for (ReplicaSet rs : sets()) {
                int total = sets().stream().mapToInt(r -> r.spec().replicas()).sum();
                assertTrue(total <= 13, "never above replicas + maxSurge: " + total);
            }
        }
        assertEquals(List.of(0, 10), sets().stream().map(rs -> rs.spec().replicas()).toList());
        Deployment done = web();
        assertEquals(10, done.status().updatedReplicas());
        assertEquals(DeploymentConditions.NEW_RS_AVAILABLE,
                DeploymentConditions.get(done.status(), DeploymentConditions.PROGRESSING).reason());
        assertTrue(events.events().contains("ScalingReplicaSet: Scaled down replica set " + sets().get(0).metadata().name()
                + " to 8 from 10"));
    }

    @Test
    void aTemplateEqualToAnOldReplicaSetReusesItWithTheNextRevision() throws Exception {
        deployments.seed(deployment("web", 2, "img:1"));
        reconcile("default/web");
        allPodsAvailable();
        changeImage("img:2");
        for (int i = 0; i < 6; i++) {
            reconcile("default/web");
            allPodsAvailable();
        }
        changeImage("img:1");
        for (int i = 0; i < 6; i++) {
            reconcile("default/web");
            allPodsAvailable();
        }
        assertEquals(2, replicaSets.objects().size(), "no third ReplicaSet");
        ReplicaSet first = sets().get(1);
        assertEquals("img:1", first.spec().template().spec().containers().get(0).image());
        assertEquals("3", first.metadata().annotations().get(Revisions.REVISION));
        assertEquals("1", first.metadata().annotations().get(Revisions.REVISION_HISTORY));
        assertEquals(2, first.spec().replicas());
        assertEquals("3", web().metadata().annotations().get(Revisions.REVISION));
    }

    @Test
    void scalingMidRolloutSharesTheNewPodsProportionally() throws Exception {
        deployments.seed(deployment("web", 10, "img:1"));
        reconcile("default/web");
        allPodsAvailable();
        changeImage("img:2");
        reconcile("default/web"); // new at 3
        reconcile("default/web"); // old at 8
        assertEquals(List.of(8, 3), sets().stream().map(rs -> rs.spec().replicas()).toList());
        String revisionBefore = web().metadata().annotations().get(Revisions.REVISION);

        Deployment d = web();
        deployments.inNamespace("default").update(d.withSpec(d.spec().withReplicas(20)));
        reconcile("default/web");
        // allowed 20 + 5 = 25, running 11: 14 to add, 8 x 25/13 = 15.4 -> +7, 3 x 25/13 = 5.8 -> +3, leftover 4 to
        // the largest.
        assertEquals(List.of(19, 6), sets().stream().map(rs -> rs.spec().replicas()).toList());
        assertEquals(revisionBefore, web().metadata().annotations().get(Revisions.REVISION), "scaling is no new revision");
        assertEquals(2, replicaSets.objects().size());
    }

    @Test
    void oldReplicaSetsBeyondTheHistoryLimitAreDeletedOnceEmpty() throws Exception {
        Deployment base = deployment("web", 1, "img:0");
        deployments.seed(base.withSpec(base.spec().withRevisionHistoryLimit(1)));
        for (int image = 1; image <= 3; image++) {
            changeImage("img:" + image);
            for (int i = 0; i < 6; i++) {
                reconcile("default/web");
                allPodsAvailable();
            }
        }
        // Revisions 1, 2, 3 (img:1..3): one old ReplicaSet is kept besides the new one.
        assertEquals(List.of("2", "3"), sets().stream().map(rs -> rs.metadata().annotations().get(Revisions.REVISION)).toList());
    }

    @Test
    void aPausedDeploymentDoesNotRollOut() throws Exception {
        deployments.seed(deployment("web", 2, "img:1"));
        reconcile("default/web");
        allPodsAvailable();
        Deployment d = web();
        deployments.inNamespace("default").update(d.withSpec(d.spec().withPaused(true)
                .withTemplate(deployment("web", 2, "img:2").spec().template())));
        reconcile("default/web");
        assertEquals(1, replicaSets.objects().size());
        assertEquals(DeploymentConditions.PAUSED, DeploymentConditions.get(web().status(), DeploymentConditions.PROGRESSING).reason());
    }

    @Test
    void noProgressPastTheDeadlineIsProgressDeadlineExceeded() throws Exception {
        Deployment base = deployment("web", 2, "img:1");
        deployments.seed(base.withSpec(base.spec().withProgressDeadlineSeconds(30)));
        reconcile("default/web");
        allPodsAvailable();
        reconcile("default/web");
        changeImage("img:2");
        reconcile("default/web");
        ReconcileResult waiting = reconcile("default/web");
        assertTrue(waiting instanceof ReconcileResult.RequeueAfter, "looks again at the deadline: " + waiting);
        assertTrue(((ReconcileResult.RequeueAfter) waiting).delay().compareTo(Duration.ofSeconds(31)) <= 0);

        clock.advance(Duration.ofSeconds(31));
        reconcile("default/web");
        DeploymentCondition progressing = DeploymentConditions.get(web().status(), DeploymentConditions.PROGRESSING);
        assertEquals("False", progressing.status());
        assertEquals(DeploymentConditions.TIMED_OUT, progressing.reason());
        assertEquals("ReplicaSet \"" + sets().get(1).metadata().name() + "\" has timed out progressing.", progressing.message());
    }

    @Test
    void aRecreateScalesTheOldSetToZeroBeforeCreatingTheNewOne() throws Exception {
        Deployment base = deployment("web", 3, "img:1");
        deployments.seed(base.withSpec(base.spec().withStrategy(new io.tugboat.api.apps.DeploymentStrategy("Recreate", null))));
        reconcile("default/web");
        allPodsAvailable();
        changeImage("img:2");
        reconcile("default/web");
        assertEquals(List.of(0), sets().stream().map(rs -> rs.spec().replicas()).toList(), "old to 0, no new set yet");
        allPodsAvailable(); // the old set reports 0 pods
        reconcile("default/web");
        assertEquals(List.of(0, 3), sets().stream().map(rs -> rs.spec().replicas()).toList());
    }

    @Test
    void aDeletedDeploymentIsNothingToDo() throws Exception {
        assertEquals(ReconcileResult.done(), reconcile("default/gone"));
        assertNull(replicaSets.objects().stream().findFirst().orElse(null));
        assertNotNull(events);
    }
}
