package io.tugboat.controllermanager.daemonset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.tugboat.api.IntOrString;
import io.tugboat.controllermanager.daemonset.DaemonSetPlans.DaemonPod;
import io.tugboat.controllermanager.daemonset.DaemonSetPlans.NodePods;
import io.tugboat.controllermanager.daemonset.DaemonSetPlans.Plan;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The DaemonSet decisions as tables. Pods are written {@code name:flags} where the flags are {@code u} updated,
 * {@code a} available, {@code d} being deleted, {@code f} failed; pods are created in the order written.
 */
class DaemonSetPlansTest {
    private static final DaemonPods.Eligibility RUN = new DaemonPods.Eligibility(true, true);
    private static final DaemonPods.Eligibility KEEP_ONLY = new DaemonPods.Eligibility(false, true);
    private static final DaemonPods.Eligibility NEITHER = new DaemonPods.Eligibility(false, false);

    static Stream<Arguments> nodes() {
        return Stream.of(
                arguments("eligible and empty: create", RUN, "", false, "create", ""),
                arguments("eligible with a pod: nothing", RUN, "p1:ua", false, "", ""),
                arguments("a pod still terminating blocks its replacement", RUN, "p1:d", false, "", ""),
                arguments("a failed pod is deleted, replaced next pass", RUN, "p1:f", false, "", "p1"),
                arguments("two pods: the younger goes", RUN, "p1:a p2:a", false, "", "p2"),
                arguments("with surge, one old and one new stay", RUN, "p1:a p2:u", true, "", ""),
                arguments("with surge, a second new pod goes", RUN, "p1:a p2:u p3:u", true, "", "p3"),
                arguments("tainted NoSchedule: the running pod stays", KEEP_ONLY, "p1:a", false, "", ""),
                arguments("tainted NoSchedule and empty: no pod", KEEP_ONLY, "", false, "", ""),
                arguments("no longer eligible: every live pod goes", NEITHER, "p1:a p2:d", false, "", "p1"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("nodes")
    void decidesWhatANodeNeeds(String name, DaemonPods.Eligibility eligibility, String pods, boolean surge,
                               String create, String delete) {
        Plan plan = DaemonSetPlans.forNode("n1", eligibility, pods(pods), surge);
        assertEquals(create.isEmpty() ? List.of() : List.of("n1"), plan.createOn());
        assertEquals(names(delete), plan.delete());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            // name                                         | nodes (node=pods; ...)             | surge | unavail | create | delete
            "all updated: nothing                           | n1=a:ua; n2=b:ua                   | 0 | 1 |       |",
            "maxUnavailable 1: one old pod at a time        | n1=a:a; n2=b:a; n3=c:a             | 0 | 1 |       | a",
            "maxUnavailable 2: two at a time                | n1=a:a; n2=b:a; n3=c:a             | 0 | 2 |       | a b",
            "a node being replaced uses the budget          | n1=; n2=b:a; n3=c:a                | 0 | 1 |       |",
            "an unavailable new pod uses the budget         | n1=a:u; n2=b:a                     | 0 | 1 |       |",
            "an unavailable old pod is replaced at once     | n1=a:u; n2=b; n3=c:a               | 0 | 1 |       | b",
            "surge 1: a new pod next to one old             | n1=a:a; n2=b:a                     | 1 | 0 | n1    |",
            "surge: old goes once its new one is available  | n1=a:a b:ua; n2=c:a                | 1 | 0 | n2    | a",
            "surge: a new pod not yet available holds on    | n1=a:a b:u; n2=c:a                 | 1 | 0 |       |",
            "surge: an unavailable old pod is always allowed| n1=a:a b:u; n2=c                   | 1 | 0 | n2    |",
    })
    void decidesTheNextStepOfARollingUpdate(String name, String nodes, int surge, int unavailable, String create,
                                            String delete) {
        List<NodePods> list = new ArrayList<>();
        for (String node : nodes.split(";")) {
            String[] parts = node.trim().split("=", -1);
            list.add(new NodePods(parts[0], pods(parts[1])));
        }
        Plan plan = DaemonSetPlans.rollingUpdate(list, surge, unavailable);
        assertEquals(names(create), plan.createOn());
        assertEquals(names(delete), plan.delete());
    }

    @ParameterizedTest(name = "{0} nodes, maxSurge {1}, maxUnavailable {2} -> {3}, {4}")
    @CsvSource({
            "10, 0,   1,   0, 1",
            "10, 0,   25%, 0, 3",
            "10, 20%, 0,   2, 0",
            "10, 0,   0,   0, 1",
            "0,  0,   25%, 0, 1",
    })
    void resolvesPercentagesAgainstTheEligibleNodes(int desired, String surge, String unavailable, int wantSurge,
                                                    int wantUnavailable) {
        DaemonSetPlans.Limits limits = DaemonSetPlans.resolve(intOrString(surge), intOrString(unavailable), desired);
        assertEquals(new DaemonSetPlans.Limits(wantSurge, wantUnavailable), limits);
    }

    private static IntOrString intOrString(String s) {
        return s.endsWith("%") ? IntOrString.of(s) : IntOrString.of(Integer.parseInt(s));
    }

    private static List<String> names(String s) {
        return s == null || s.isBlank() ? List.of() : List.of(s.trim().split("\\s+"));
    }

    private static List<DaemonPod> pods(String spec) {
        List<DaemonPod> out = new ArrayList<>();
        int i = 0;
        for (String p : names(spec)) {
            String[] parts = p.split(":", -1);
            String flags = parts.length > 1 ? parts[1] : "";
            out.add(new DaemonPod(parts[0], flags.contains("u"), flags.contains("a"), flags.contains("d"),
                    flags.contains("f"), Instant.ofEpochSecond(1000 + i++)));
        }
        return out;
    }
}
