package io.tugboat.controllermanager.deployment;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tugboat.api.IntOrString;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RolloutMathTest {

    static IntOrString value(String text) {
        return text.endsWith("%") ? IntOrString.of(text) : IntOrString.of(Integer.parseInt(text));
    }

    @ParameterizedTest(name = "{0} replicas, maxSurge {1}, maxUnavailable {2} -> surge {3}, unavailable {4}")
    @CsvSource({
            "10, 25%, 25%, 3, 2",     // surge rounds up (2.5 -> 3), unavailable down (2.5 -> 2)
            "3, 25%, 25%, 1, 0",      // odd: 0.75 up to 1, down to 0
            "1, 25%, 25%, 1, 0",
            "5, 25%, 25%, 2, 1",      // 1.25 -> 2 and 1
            "7, 50%, 50%, 4, 3",      // 3.5 -> 4 and 3
            "10, 0, 1, 0, 1",
            "10, 1, 0, 1, 0",
            "10, 0, 0, 0, 1",         // both zero (the API server rejects it): one may be unavailable
            "4, 0%, 10%, 0, 1",       // 10% of 4 rounds down to 0: forced to 1
            "5, 100%, 0, 5, 0",
            "5, 0, 100%, 0, 5",
            "10, 100%, 100%, 10, 10",
            "0, 25%, 25%, 0, 1",      // nothing to surge over
    })
    void fencepostsRoundAsKubernetesDoes(int replicas, String surge, String unavailable, int expectedSurge, int expectedUnavailable) {
        RolloutMath.Fenceposts f = RolloutMath.resolve(value(surge), value(unavailable), replicas);
        assertEquals(expectedSurge, f.maxSurge());
        assertEquals(expectedUnavailable, f.maxUnavailable());
    }

    @ParameterizedTest(name = "{0} replicas, surge {1}: {2} pods running, new RS at {3} -> {4}")
    @CsvSource({
            "10, 25%, 10, 0, 3",      // a rollout starts: the surge is all there is room for
            "10, 25%, 13, 3, 3",      // at the ceiling: wait for old pods to go
            "10, 25%, 11, 3, 5",      // two old pods gone: two more new
            "10, 25%, 10, 8, 10",     // never past replicas
            "10, 0, 10, 0, 0",        // no surge: old pods must go first
            "3, 100%, 3, 0, 3",       // 100% surge: the whole new set at once
            "10, 25%, 0, 0, 10",      // nothing running (a new Deployment): all of it
    })
    void theNewReplicaSetGrowsOnlyAsFarAsTheSurgeAllows(int replicas, String surge, int running, int newSize, int expected) {
        var d = DeploymentControllerTest.deployment("web", replicas, "img:1").withSpec(
                DeploymentControllerTest.deployment("web", replicas, "img:1").spec().withStrategy(
                        new io.tugboat.api.apps.DeploymentStrategy("RollingUpdate",
                                new io.tugboat.api.apps.RollingUpdateDeployment(IntOrString.of("25%"), value(surge)))));
        assertEquals(expected, RolloutMath.newReplicaSetReplicas(d, running, newSize));
    }

    @ParameterizedTest(name = "maxUnavailable never exceeds replicas: {0} replicas, {1} -> {2}")
    @CsvSource({"2, 5, 2", "2, 100%, 2", "0, 5, 0"})
    void maxUnavailableIsCappedAtReplicas(int replicas, String unavailable, int expected) {
        var base = DeploymentControllerTest.deployment("web", replicas, "img:1");
        var d = base.withSpec(base.spec().withStrategy(new io.tugboat.api.apps.DeploymentStrategy("RollingUpdate",
                new io.tugboat.api.apps.RollingUpdateDeployment(value(unavailable), IntOrString.of(1)))));
        assertEquals(expected, RolloutMath.maxUnavailable(d));
    }
}
