package io.tugboat.controllermanager.nodelifecycle;

import io.tugboat.api.core.Taint;
import io.tugboat.api.core.Toleration;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * When must a pod leave a node with NoExecute taints? Kubernetes' taint eviction rules, pure:
 *
 * <pre>
 *   a NoExecute taint no toleration matches          ─▶ now
 *   every taint tolerated, some toleration has        ─▶ taint.timeAdded + the smallest tolerationSeconds
 *   tolerationSeconds                                    among the tolerations matching it (≤ 0 counts as 0),
 *                                                        the earliest over all taints
 *   every taint tolerated without tolerationSeconds   ─▶ never
 * </pre>
 * Kubernetes starts the clock when its taint manager first sees the taint; Tugboat uses the taint's
 * {@code timeAdded}, which the node lifecycle controller sets, so a restarted controller keeps the deadline.
 */
public final class Tolerations {
    private Tolerations() {
    }

    /** Whether {@code toleration} tolerates {@code taint} (key, operator Exists/Equal, value, effect). */
    public static boolean tolerates(Toleration toleration, Taint taint) {
        if (toleration.effect() != null && !toleration.effect().isEmpty() && !toleration.effect().equals(taint.effect())) {
            return false;
        }
        String key = toleration.key();
        if (key != null && !key.isEmpty() && !key.equals(taint.key())) {
            return false;
        }
        // An empty key with operator Exists matches every taint.
        if ((key == null || key.isEmpty()) && !"Exists".equals(toleration.operator())) {
            return false;
        }
        if ("Exists".equals(toleration.operator())) {
            return true;
        }
        return Objects.equals(nz(toleration.value()), nz(taint.value()));
    }

    /**
     * When a pod with {@code tolerations} must be evicted from a node with these NoExecute {@code taints};
     * empty when never.
     */
    public static Optional<Instant> evictionTime(List<Toleration> tolerations, List<Taint> taints, Instant now) {
        List<Toleration> own = tolerations == null ? List.of() : tolerations;
        Instant earliest = null;
        for (Taint taint : taints) {
            List<Toleration> matching = own.stream().filter(t -> tolerates(t, taint)).toList();
            if (matching.isEmpty()) {
                return Optional.of(now);
            }
            Long seconds = null;
            for (Toleration t : matching) {
                if (t.tolerationSeconds() == null) {
                    continue; // tolerates forever
                }
                long s = Math.max(0, t.tolerationSeconds());
                seconds = seconds == null ? s : Math.min(seconds, s);
            }
            if (seconds == null) {
                continue;
            }
            Instant added = taint.timeAdded() != null ? taint.timeAdded() : now;
            Instant deadline = added.plus(Duration.ofSeconds(seconds));
            earliest = earliest == null || deadline.isBefore(earliest) ? deadline : earliest;
        }
        return Optional.ofNullable(earliest);
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
