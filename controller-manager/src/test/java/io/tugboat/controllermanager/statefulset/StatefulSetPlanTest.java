package io.tugboat.controllermanager.statefulset;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tugboat.controllermanager.statefulset.StatefulSetPlan.Replica;
import io.tugboat.controllermanager.statefulset.StatefulSetPlan.Spec;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * StatefulSet ordering as a table. Pods are {@code ordinal[flags]}, flags: {@code h} healthy (Running, Ready,
 * available), {@code t} terminating, {@code f} failed, {@code o} at the old revision (else the update revision).
 * Steps are {@code +N} (create ordinal N; {@code +N@old} at the current revision) and {@code -N} (delete).
 */
class StatefulSetPlanTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            // name                                                | replicas | policy   | strategy | partition | pods           | steps
            "OrderedReady starts with ordinal 0 only              | 3 | ordered  | rolling | 0 |                | +0",
            "OrderedReady waits while web-0 is not ready          | 3 | ordered  | rolling | 0 | 0              | ",
            "OrderedReady creates web-1 once web-0 is ready       | 3 | ordered  | rolling | 0 | 0h             | +1",
            "OrderedReady fills a gap before anything else        | 3 | ordered  | rolling | 0 | 0h 2h          | +1",
            "OrderedReady waits on a terminating pod              | 3 | ordered  | rolling | 0 | 0h 1t          | ",
            "Parallel creates every missing pod at once           | 3 | parallel | rolling | 0 |                | +0 +1 +2",
            "Parallel does not wait for readiness                 | 3 | parallel | rolling | 0 | 0              | +1 +2",
            "a failed pod is deleted, to be re-created            | 2 | ordered  | rolling | 0 | 0h 1f          | -1",
            "scale down: the highest ordinal first, one at a time | 1 | ordered  | rolling | 0 | 0h 1h 2h       | -2",
            "scale down waits for the condemned to be gone        | 1 | ordered  | rolling | 0 | 0h 1h 2t       | ",
            "Parallel scale down deletes all condemned at once    | 1 | parallel | rolling | 0 | 0h 1h 2h       | -2 -1",
            "scale down waits for lower ordinals to be healthy    | 1 | ordered  | rolling | 0 | 0 1h 2h        | ",
            "rolling update: the highest old ordinal first        | 3 | ordered  | rolling | 0 | 0ho 1ho 2ho    | -2",
            "rolling update: re-create the deleted one at the new | 3 | ordered  | rolling | 0 | 0ho 1ho        | +2",
            "rolling update waits for the new pod to be ready     | 3 | ordered  | rolling | 0 | 0ho 1ho 2      | ",
            "rolling update moves down once it is ready           | 3 | ordered  | rolling | 0 | 0ho 1ho 2h     | -1",
            "rolling update stops at the partition                | 3 | ordered  | rolling | 2 | 0ho 1ho 2h     | ",
            "below the partition a pod is re-created at the old   | 3 | ordered  | rolling | 2 | 1ho 2h         | +0@old",
            "OnDelete never deletes an old pod                    | 3 | ordered  | ondelete| 0 | 0ho 1ho 2ho    | ",
            "OnDelete re-creates a deleted pod at the update rev. | 3 | ordered  | ondelete| 0 | 0ho 2ho        | +1",
            "Parallel still rolls one pod at a time               | 3 | parallel | rolling | 0 | 0ho 1ho 2ho    | -2",
    })
    void decidesTheNextSteps(String name, int replicas, String policy, String strategy, int partition, String pods,
                             String steps) {
        Spec spec = new Spec(replicas, policy.equals("parallel"), strategy.equals("rolling"), partition, "old", "new");
        List<String> got = StatefulSetPlan.decide(spec, replicas(pods)).stream().map(s -> switch (s.action()) {
            case CREATE -> "+" + s.ordinal() + (s.revision().equals("old") ? "@old" : "");
            case DELETE -> "-" + s.ordinal();
        }).toList();
        assertEquals(steps == null || steps.isBlank() ? List.of() : List.of(steps.trim().split("\\s+")), got);
    }

    private static List<Replica> replicas(String spec) {
        List<Replica> out = new ArrayList<>();
        if (spec == null || spec.isBlank()) {
            return out;
        }
        for (String p : spec.trim().split("\\s+")) {
            int ordinal = Integer.parseInt(p.replaceAll("[a-z]", ""));
            out.add(new Replica(ordinal, p.contains("o") ? "old" : "new", p.contains("t"), p.contains("f"),
                    p.contains("h") && !p.contains("t")));
        }
        return out;
    }
}
