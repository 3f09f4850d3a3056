package io.tugboat.controllermanager.common;

import io.tugboat.api.core.Pod;
import io.tugboat.api.core.PodCondition;
import java.time.Instant;

/**
 * How controllers judge a pod (Kubernetes' {@code podutil.IsPodReady}, {@code IsPodAvailable} and
 * {@code controller.IsPodActive}):
 *
 * <pre>
 *   active     not Succeeded or Failed, and not being deleted   ─ counts towards replicas
 *   ready      condition Ready=True                             ─ passes its readiness probe
 *   available  ready for at least minReadySeconds               ─ counts towards availability
 * </pre>
 */
public final class Pods {
    private Pods() {
    }

    /** Not finished (phase Succeeded or Failed) and not being deleted: a pod that still counts as a replica. */
    public static boolean isActive(Pod pod) {
        return !isFinished(pod) && pod.metadata().deletionTimestamp() == null;
    }

    /** Its phase is Succeeded or Failed: its containers will not run again. */
    public static boolean isFinished(Pod pod) {
        String phase = pod.status() == null ? null : pod.status().phase();
        return "Succeeded".equals(phase) || "Failed".equals(phase);
    }

    /** The Ready condition is True. */
    public static boolean isReady(Pod pod) {
        PodCondition ready = readyCondition(pod);
        return ready != null && "True".equals(ready.status());
    }

    /** When the pod last became ready, or {@code null} if it is not ready or does not say. */
    public static Instant readySince(Pod pod) {
        PodCondition ready = readyCondition(pod);
        return ready != null && "True".equals(ready.status()) ? ready.lastTransitionTime() : null;
    }

    /**
     * Ready, and for more than {@code minReadySeconds} at {@code now}. With {@code minReadySeconds} 0, ready is
     * available.
     */
    public static boolean isAvailable(Pod pod, int minReadySeconds, Instant now) {
        if (!isReady(pod)) {
            return false;
        }
        if (minReadySeconds == 0) {
            return true;
        }
        Instant since = readySince(pod);
        return since != null && since.plusSeconds(minReadySeconds).isBefore(now);
    }

    private static PodCondition readyCondition(Pod pod) {
        if (pod.status() == null || pod.status().conditions() == null) {
            return null;
        }
        for (PodCondition condition : pod.status().conditions()) {
            if (condition != null && "Ready".equals(condition.type())) {
                return condition;
            }
        }
        return null;
    }
}
