package io.tugboat.controllermanager.deployment;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tugboat.api.apps.Deployment;
import io.tugboat.api.apps.ReplicaSet;
import io.tugboat.api.apps.ReplicaSetSpec;
import io.tugboat.api.meta.ObjectMeta;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProportionalScalingTest {

    /** ReplicaSets "rs0" (oldest) ... with the given sizes, each last sized for {@code maxReplicas}. */
    static List<ReplicaSet> sets(String sizes, int maxReplicas) {
        List<ReplicaSet> out = new ArrayList<>();
        int[] values = Arrays.stream(sizes.split(" ")).mapToInt(Integer::parseInt).toArray();
        for (int i = 0; i < values.length; i++) {
            ObjectMeta meta = new ObjectMeta("rs" + i, null, "default", null, "uid-" + i, null, 1L,
                    Instant.parse("2024-01-01T00:00:00Z").plusSeconds(i), null, null, null,
                    Map.of(Revisions.MAX_REPLICAS, Integer.toString(maxReplicas)), null, null);
            out.add(ReplicaSet.of(meta, new ReplicaSetSpec(values[i], 0, null, null), null));
        }
        return out;
    }

    @ParameterizedTest(name = "{0} -> {1} replicas (max-replicas was {2}): {3} -> {4}")
    @CsvSource({
            "10, 20, 13, 8 3, 19 6",     // scale up mid-rollout: proportions kept, leftovers to the largest
            "10, 5, 13, 8 5, 4 3",       // scale down: 5 + 2 surge = 7 pods; 8 x 7/13 = 4.3 -> 4, 5 x 7/13 = 2.7 -> 3
            "10, 0, 13, 8 5, 0 0",       // to zero: everything goes
            "4, 8, 5, 2 2, 4 6",         // equal sizes: 2 x 10/5 = 4 each, and the leftover 2 to the newer
            "4, 2, 5, 2 2, 1 2",         // ... and the older gives first when scaling down
    })
    void resizesActiveReplicaSetsInProportion(int from, int to, int maxReplicas, String sizes, String expected) {
        Deployment d = DeploymentControllerTest.deployment("web", to, "img:1");
        List<ReplicaSet> active = sets(sizes, maxReplicas);
        Map<String, Integer> result = ProportionalScaling.newSizes(d, active);
        List<Integer> newSizes = active.stream().map(rs -> result.get(rs.metadata().name())).toList();
        assertEquals(Arrays.stream(expected.split(" ")).map(Integer::valueOf).toList(), newSizes, "from " + from);
    }
}
