package io.tugboat.scheduler.framework;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FitErrorTest {
    @Test
    void countsEachReasonOverTheNodesSortedAsStrings() {
        Map<String, Status> statuses = new LinkedHashMap<>();
        statuses.put("n1", Status.unresolvable("node(s) had untolerated taint {dedicated: db}"));
        statuses.put("n2", Status.unschedulable("Insufficient cpu"));
        statuses.put("n3", Status.unresolvable("node(s) had untolerated taint {dedicated: db}"));
        assertEquals("0/3 nodes are available: 1 Insufficient cpu, 2 node(s) had untolerated taint {dedicated: db}.",
                new FitError(3, null, statuses).message());
    }

    @Test
    void aNodeWithSeveralReasonsCountsInEach() {
        Map<String, Status> statuses = Map.of("n1", Status.unschedulable("Insufficient cpu", "Insufficient memory"),
                "n2", Status.unschedulable("Insufficient cpu"));
        assertEquals("0/2 nodes are available: 1 Insufficient memory, 2 Insufficient cpu.", new FitError(2, null, statuses).message());
    }

    @Test
    void aPreFilterRejectionIsStatedOnce() {
        assertEquals("0/5 nodes are available: something is wrong with the pod.",
                new FitError(5, Status.unresolvable("something is wrong with the pod"), Map.of()).message());
    }

    @Test
    void noNodesAtAll() {
        assertEquals("no nodes available to schedule pods", new FitError(0, null, Map.of()).message());
    }
}
