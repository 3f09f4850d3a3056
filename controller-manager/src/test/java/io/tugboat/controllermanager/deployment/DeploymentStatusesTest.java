package io.tugboat.controllermanager.deployment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tugboat.api.apps.Deployment;
import io.tugboat.api.apps.DeploymentCondition;
import io.tugboat.api.apps.DeploymentStatus;
import io.tugboat.api.apps.ReplicaSet;
import io.tugboat.api.apps.ReplicaSetCondition;
import io.tugboat.api.apps.ReplicaSetSpec;
import io.tugboat.api.apps.ReplicaSetStatus;
import io.tugboat.api.meta.ObjectMeta;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Status counts and conditions, as `kubectl rollout status` and `kubectl describe` read them. */
class DeploymentStatusesTest {
    static final Instant NOW = Instant.parse("2024-01-01T00:00:00Z");

    static ReplicaSet rs(String name, int spec, int replicas, int ready, int available, List<ReplicaSetCondition> conditions) {
        ObjectMeta meta = new ObjectMeta(name, null, "default", null, name + "-uid", null, 1L, NOW, null, null, null, null, null, null);
        return ReplicaSet.of(meta, new ReplicaSetSpec(spec, 0, null, null),
                new ReplicaSetStatus(replicas, replicas, ready, available, 1L, conditions));
    }

    final Deployment d = DeploymentControllerTest.deployment("web", 10, "img:1");

    @Test
    void countsComeFromTheReplicaSetsAndTheNewOne() {
        ReplicaSet old = rs("old", 6, 7, 7, 7, null);
        ReplicaSet newRs = rs("new", 5, 4, 3, 2, null);
        DeploymentStatus status = DeploymentStatuses.calculate(List.of(old, newRs), newRs, d, NOW);
        assertEquals(11, status.replicas());
        assertEquals(4, status.updatedReplicas());
        assertEquals(10, status.readyReplicas());
        assertEquals(9, status.availableReplicas());
        assertEquals(2, status.unavailableReplicas(), "11 wanted by the ReplicaSets, 9 available");
        assertEquals(1L, status.observedGeneration());
    }

    @Test
    void availableWhileAtLeastReplicasMinusMaxUnavailableAreAvailable() {
        DeploymentCondition yes = DeploymentConditions.get(DeploymentStatuses.calculate(
                List.of(rs("a", 10, 10, 8, 8, null)), null, d, NOW), DeploymentConditions.AVAILABLE);
        assertEquals("True", yes.status());
        assertEquals("MinimumReplicasAvailable", yes.reason());
        assertEquals("Deployment has minimum availability.", yes.message());
        DeploymentCondition no = DeploymentConditions.get(DeploymentStatuses.calculate(
                List.of(rs("a", 10, 10, 7, 7, null)), null, d, NOW), DeploymentConditions.AVAILABLE);
        assertEquals("False", no.status());
        assertEquals("MinimumReplicasUnavailable", no.reason());
        assertEquals("Deployment does not have minimum availability.", no.message());
    }

    @Test
    void aReplicaSetThatCannotCreatePodsShowsAsReplicaFailure() {
        ReplicaSet failing = rs("new", 10, 0, 0, 0, List.of(new ReplicaSetCondition("ReplicaFailure", "True", NOW,
                "FailedCreate", "pods \"x\" is forbidden: exceeded quota")));
        DeploymentStatus status = DeploymentStatuses.rollout(List.of(failing), failing, d, NOW);
        DeploymentCondition failure = DeploymentConditions.get(status, DeploymentConditions.REPLICA_FAILURE);
        assertEquals("FailedCreate", failure.reason());
        assertEquals("pods \"x\" is forbidden: exceeded quota", failure.message());
    }

    @Test
    void completeMeansEveryReplicaUpdatedAvailableAndTheGenerationObserved() {
        ReplicaSet done = rs("new", 10, 10, 10, 10, null);
        DeploymentStatus status = DeploymentStatuses.rollout(List.of(done), done, d, NOW);
        assertTrue(DeploymentStatuses.complete(d, status));
        assertEquals("ReplicaSet \"new\" has successfully progressed.",
                DeploymentConditions.get(status, DeploymentConditions.PROGRESSING).message());
        Deployment newer = d.withMetadata(d.metadata().withGeneration(2L));
        assertFalse(DeploymentStatuses.complete(newer, status), "a spec change not yet observed is not complete");
    }

    @Test
    void settingAConditionWithTheSameStatusAndReasonChangesNothing() {
        DeploymentStatus status = DeploymentConditions.set(new DeploymentStatus(null, null, null, null, null, null, null, null),
                DeploymentConditions.of("Available", "True", "MinimumReplicasAvailable", "m", NOW));
        assertEquals(status, DeploymentConditions.set(status,
                DeploymentConditions.of("Available", "True", "MinimumReplicasAvailable", "m", NOW.plusSeconds(60))));
    }
}
