package io.tugboat.controllermanager.nodelifecycle;

import io.tugboat.api.core.Node;
import io.tugboat.api.core.Taint;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The taints a node should carry given its conditions: Kubernetes' TaintNodesByCondition (NoSchedule, keeps
 * new pods away) and taint-based eviction (NoExecute, drives running pods away after their
 * {@code tolerationSeconds}).
 *
 * <pre>
 *   condition / field           NoSchedule taint                      NoExecute taint
 *   Ready=False                 node.kubernetes.io/not-ready          node.kubernetes.io/not-ready
 *   Ready=Unknown               node.kubernetes.io/unreachable        node.kubernetes.io/unreachable
 *   MemoryPressure=True         node.kubernetes.io/memory-pressure
 *   DiskPressure=True           node.kubernetes.io/disk-pressure
 *   PIDPressure=True            node.kubernetes.io/pid-pressure
 *   NetworkUnavailable=True     node.kubernetes.io/network-unavailable
 *   spec.unschedulable          node.kubernetes.io/unschedulable
 * </pre>
 * Other taints (an administrator's) are never touched.
 */
public final class NodeTaints {
    public static final String NOT_READY = "node.kubernetes.io/not-ready";
    public static final String UNREACHABLE = "node.kubernetes.io/unreachable";
    public static final String UNSCHEDULABLE = "node.kubernetes.io/unschedulable";
    public static final String MEMORY_PRESSURE = "node.kubernetes.io/memory-pressure";
    public static final String DISK_PRESSURE = "node.kubernetes.io/disk-pressure";
    public static final String PID_PRESSURE = "node.kubernetes.io/pid-pressure";
    public static final String NETWORK_UNAVAILABLE = "node.kubernetes.io/network-unavailable";
    public static final String NO_SCHEDULE = "NoSchedule";
    public static final String NO_EXECUTE = "NoExecute";

    private static final List<String> NO_SCHEDULE_KEYS = List.of(NOT_READY, UNREACHABLE, UNSCHEDULABLE, MEMORY_PRESSURE,
            DISK_PRESSURE, PID_PRESSURE, NETWORK_UNAVAILABLE);
    private static final List<String> NO_EXECUTE_KEYS = List.of(NOT_READY, UNREACHABLE);

    private NodeTaints() {
    }

    /** The keys of the NoSchedule taints {@code node} should carry. */
    public static Set<String> desiredNoSchedule(Node node) {
        Set<String> keys = new LinkedHashSet<>();
        String ready = NodeHealth.readyStatus(node);
        if (NodeHealth.ready(node).isPresent()) {
            if ("False".equals(ready)) {
                keys.add(NOT_READY);
            } else if ("Unknown".equals(ready)) {
                keys.add(UNREACHABLE);
            }
        }
        conditionTaint(node, "MemoryPressure", MEMORY_PRESSURE, keys);
        conditionTaint(node, "DiskPressure", DISK_PRESSURE, keys);
        conditionTaint(node, "PIDPressure", PID_PRESSURE, keys);
        conditionTaint(node, "NetworkUnavailable", NETWORK_UNAVAILABLE, keys);
        if (node.spec() != null && Boolean.TRUE.equals(node.spec().unschedulable())) {
            keys.add(UNSCHEDULABLE);
        }
        return keys;
    }

    /** The key of the NoExecute taint {@code node} should carry, or null. */
    public static String desiredNoExecute(Node node) {
        if (NodeHealth.ready(node).isEmpty()) {
            return null; // never reported: only the startup grace turns it Unknown
        }
        return switch (NodeHealth.readyStatus(node)) {
            case "False" -> NOT_READY;
            case "Unknown" -> UNREACHABLE;
            default -> null;
        };
    }

    private static void conditionTaint(Node node, String type, String key, Set<String> keys) {
        NodeHealth.condition(node, type).filter(c -> "True".equals(c.status())).ifPresent(c -> keys.add(key));
    }

    /** The NoExecute taint of the controller's that {@code node} carries now, or null. */
    public static String currentNoExecute(Node node) {
        return taints(node).stream().filter(t -> NO_EXECUTE.equals(t.effect()) && t.key() != null && NO_EXECUTE_KEYS.contains(t.key()))
                .map(Taint::key).findFirst().orElse(null);
    }

    /** The node's NoExecute taints, all of them (the taint eviction controller honours any). */
    public static List<Taint> noExecute(Node node) {
        return taints(node).stream().filter(t -> NO_EXECUTE.equals(t.effect())).toList();
    }

    /**
     * The node's taints with the controller's NoSchedule taints set to {@code noSchedule} and its NoExecute
     * taint set to {@code noExecute} (null: none). Taints that stay keep their {@code timeAdded}; new ones get
     * {@code now}. The order of the others is kept.
     */
    public static List<Taint> reconcile(Node node, Set<String> noSchedule, String noExecute, Instant now) {
        List<Taint> current = taints(node);
        List<Taint> result = new ArrayList<>();
        for (Taint taint : current) {
            boolean managedNoSchedule = NO_SCHEDULE.equals(taint.effect()) && taint.key() != null
                    && NO_SCHEDULE_KEYS.contains(taint.key());
            boolean managedNoExecute = NO_EXECUTE.equals(taint.effect()) && taint.key() != null
                    && NO_EXECUTE_KEYS.contains(taint.key());
            if (managedNoSchedule && !noSchedule.contains(taint.key())) {
                continue;
            }
            if (managedNoExecute && !taint.key().equals(noExecute)) {
                continue;
            }
            result.add(taint);
        }
        for (String key : noSchedule) {
            if (result.stream().noneMatch(t -> key.equals(t.key()) && NO_SCHEDULE.equals(t.effect()))) {
                result.add(new Taint(key, null, NO_SCHEDULE, now));
            }
        }
        if (noExecute != null && result.stream().noneMatch(t -> noExecute.equals(t.key()) && NO_EXECUTE.equals(t.effect()))) {
            result.add(new Taint(noExecute, null, NO_EXECUTE, now));
        }
        return result;
    }

    /** Whether two taint lists are the same, ignoring {@code timeAdded} precision noise. */
    public static boolean same(List<Taint> a, List<Taint> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            Taint x = a.get(i);
            Taint y = b.get(i);
            if (!Objects.equals(x.key(), y.key()) || !Objects.equals(x.effect(), y.effect()) || !Objects.equals(x.value(), y.value())) {
                return false;
            }
        }
        return true;
    }

    static List<Taint> taints(Node node) {
        return node.spec() == null || node.spec().taints() == null ? List.of() : node.spec().taints();
    }
}
