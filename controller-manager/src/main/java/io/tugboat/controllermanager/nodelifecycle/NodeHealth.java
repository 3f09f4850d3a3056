package io.tugboat.controllermanager.nodelifecycle;

import io.tugboat.api.coordination.Lease;
import io.tugboat.api.core.Node;
import io.tugboat.api.core.NodeCondition;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Is a node's kubelet still alive? Pure functions over what the controller observed, as Kubernetes'
 * {@code tryUpdateNodeHealth}.
 *
 * <p>The kubelet shows it is alive in two ways: it renews its Lease ({@code kube-node-lease/<node>}, every
 * 10 s by default) and it posts the node's status (Ready's {@code lastHeartbeatTime} moves). Either counts.
 * As in leader election, those timestamps are never compared with this controller's clock — the kubelet's
 * clock may be off —: the controller notes <em>its own</em> time whenever one of them changes (the "probe
 * time"), and the node is stale once {@code grace} of its own clock has passed since.
 *
 * <pre>
 *   renewTime 12:00:00  ──seen at our 09:14:02──▶ probe = 09:14:02
 *   renewTime 12:00:10  ──seen at our 09:14:12──▶ probe = 09:14:12
 *   (kubelet killed)                                 stale at 09:14:12 + grace (40 s): 09:14:52
 *                                                    ─▶ Ready, MemoryPressure, DiskPressure, PIDPressure = Unknown
 * </pre>
 */
public final class NodeHealth {
    /** The conditions the kubelet owns, and that turn Unknown when it goes silent. */
    public static final List<String> KUBELET_CONDITIONS = List.of("Ready", "MemoryPressure", "DiskPressure", "PIDPressure");
    public static final String REASON_UNKNOWN = "NodeStatusUnknown";
    public static final String MESSAGE_UNKNOWN = "Kubelet stopped posting node status.";
    public static final String REASON_NEVER_UPDATED = "NodeStatusNeverUpdated";
    public static final String MESSAGE_NEVER_UPDATED = "Kubelet never posted node status.";

    private NodeHealth() {
    }

    /**
     * What the controller last saw of a node's signs of life.
     *
     * @param readyHeartbeat Ready's lastHeartbeatTime as posted by the kubelet (null: no Ready condition)
     * @param leaseRenewTime the node Lease's renewTime (null: no Lease)
     * @param probeTime      the controller's own time when either last changed
     */
    public record Observation(Instant readyHeartbeat, Instant leaseRenewTime, Instant probeTime) {
    }

    /** The observation after looking at {@code node} and its {@code lease} at {@code now}. */
    public static Observation observe(Observation saved, Node node, Lease lease, Instant now) {
        Instant heartbeat = ready(node).map(NodeCondition::lastHeartbeatTime).orElse(null);
        Instant renew = lease == null || lease.spec() == null ? null : lease.spec().renewTime();
        if (saved == null) {
            return new Observation(heartbeat, renew, now);
        }
        boolean heartbeatMoved = !Objects.equals(heartbeat, saved.readyHeartbeat());
        boolean leaseRenewed = renew != null && (saved.leaseRenewTime() == null || renew.isAfter(saved.leaseRenewTime()));
        if (heartbeatMoved || leaseRenewed) {
            return new Observation(heartbeat, renew != null ? renew : saved.leaseRenewTime(), now);
        }
        return saved;
    }

    /** The grace a node gets: the startup grace until it has ever reported Ready, then the monitor grace. */
    public static Duration grace(Node node, Duration monitorGrace, Duration startupGrace) {
        return ready(node).isPresent() ? monitorGrace : startupGrace;
    }

    /** When the node turns stale if nothing changes. */
    public static Instant staleAt(Observation observation, Duration grace) {
        return observation.probeTime().plus(grace);
    }

    /**
     * The node's conditions once its kubelet is taken for gone: every kubelet condition Unknown, with the
     * heartbeat left as the kubelet last posted it. Returns the same list when nothing changes (all already
     * Unknown), so the caller writes only when needed.
     */
    public static List<NodeCondition> markUnknown(List<NodeCondition> conditions, Instant now, Instant creation) {
        List<NodeCondition> result = new ArrayList<>(conditions == null ? List.of() : conditions);
        boolean changed = false;
        for (String type : KUBELET_CONDITIONS) {
            int index = indexOf(result, type);
            if (index < 0) {
                result.add(new NodeCondition(type, "Unknown", creation, now, REASON_NEVER_UPDATED, MESSAGE_NEVER_UPDATED));
                changed = true;
            } else if (!"Unknown".equals(result.get(index).status())) {
                NodeCondition old = result.get(index);
                result.set(index, new NodeCondition(type, "Unknown", old.lastHeartbeatTime(), now, REASON_UNKNOWN, MESSAGE_UNKNOWN));
                changed = true;
            }
        }
        return changed ? List.copyOf(result) : conditions;
    }

    /** The node's Ready condition, if it has one. */
    public static Optional<NodeCondition> ready(Node node) {
        return condition(node, "Ready");
    }

    /** Ready's status: {@code True}, {@code False} or {@code Unknown} (also when absent). */
    public static String readyStatus(Node node) {
        return ready(node).map(NodeCondition::status).orElse("Unknown");
    }

    static Optional<NodeCondition> condition(Node node, String type) {
        if (node.status() == null || node.status().conditions() == null) {
            return Optional.empty();
        }
        return node.status().conditions().stream().filter(c -> type.equals(c.type())).findFirst();
    }

    private static int indexOf(List<NodeCondition> conditions, String type) {
        for (int i = 0; i < conditions.size(); i++) {
            if (type.equals(conditions.get(i).type())) {
                return i;
            }
        }
        return -1;
    }
}
