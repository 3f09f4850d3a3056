package io.tugboat.controllermanager.nodelifecycle;

import io.tugboat.api.core.Node;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * Zone states, for eviction rate limiting when many nodes fail at once (Kubernetes'
 * {@code ComputeZoneState} and {@code handleDisruption}). Nodes are grouped by their
 * {@code topology.kubernetes.io/region} and {@code zone} labels (all unlabelled nodes form one zone).
 *
 * <pre>
 *   zone state          when                                              NoExecute tainting rate
 *   Normal              otherwise                                         --node-eviction-rate (0.1/s)
 *   PartialDisruption   ≥ 3 not-Ready nodes and ≥ --unhealthy-zone-      --secondary-node-eviction-rate (0.01/s)
 *                       threshold (0.55) of the zone not Ready            if the zone has more than
 *                                                                         --large-cluster-size-threshold (50)
 *                                                                         nodes, else 0: nothing is evicted
 *   FullDisruption      no Ready node in the zone                         --node-eviction-rate, unless every zone
 *                                                                         is fully disrupted: then the control
 *                                                                         plane is the likely culprit (cut off
 *                                                                         from all nodes), nothing is evicted and
 *                                                                         NoExecute taints are lifted
 * </pre>
 */
public final class Zones {
    public static final String REGION_LABEL = "topology.kubernetes.io/region";
    public static final String ZONE_LABEL = "topology.kubernetes.io/zone";

    private Zones() {
    }

    public enum State { NORMAL, PARTIAL_DISRUPTION, FULL_DISRUPTION }

    /** The zone of a node: {@code region/zone} from its labels, {@code ""} parts when unlabelled. */
    public static String zoneOf(Node node) {
        Map<String, String> labels = node.metadata().labels() == null ? Map.of() : node.metadata().labels();
        return labels.getOrDefault(REGION_LABEL, "") + "/" + labels.getOrDefault(ZONE_LABEL, "");
    }

    /** One zone's size and state. */
    public record Zone(int size, int notReady, State state) {
    }

    /** Every zone's size and state, from the nodes' Ready conditions. */
    public static Map<String, Zone> compute(Collection<Node> nodes, double unhealthyZoneThreshold) {
        Map<String, int[]> counts = new HashMap<>();
        for (Node node : nodes) {
            int[] c = counts.computeIfAbsent(zoneOf(node), z -> new int[2]);
            if ("True".equals(NodeHealth.readyStatus(node))) {
                c[0]++;
            } else {
                c[1]++;
            }
        }
        Map<String, Zone> zones = new HashMap<>();
        counts.forEach((zone, c) -> zones.put(zone, new Zone(c[0] + c[1], c[1], state(c[0], c[1], unhealthyZoneThreshold))));
        return zones;
    }

    static State state(int ready, int notReady, double unhealthyZoneThreshold) {
        if (ready == 0 && notReady > 0) {
            return State.FULL_DISRUPTION;
        }
        if (notReady > 2 && (double) notReady / (notReady + ready) >= unhealthyZoneThreshold) {
            return State.PARTIAL_DISRUPTION;
        }
        return State.NORMAL;
    }

    /** True when every zone is fully disrupted: evict nothing. */
    public static boolean allFullyDisrupted(Map<String, Zone> zones) {
        return !zones.isEmpty() && zones.values().stream().allMatch(z -> z.state() == State.FULL_DISRUPTION);
    }

    /** The rate (nodes per second) at which NoExecute taints may be added in a zone. */
    public static double evictionRate(Zone zone, double rate, double secondaryRate, int largeClusterThreshold) {
        return switch (zone.state()) {
            case NORMAL, FULL_DISRUPTION -> rate;
            case PARTIAL_DISRUPTION -> zone.size() > largeClusterThreshold ? secondaryRate : 0;
        };
    }
}
