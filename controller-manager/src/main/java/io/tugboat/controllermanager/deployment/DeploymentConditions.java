package io.tugboat.controllermanager.deployment;

import io.tugboat.api.apps.DeploymentCondition;
import io.tugboat.api.apps.DeploymentStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The Deployment's conditions, with Kubernetes' types, reasons and messages ({@code deploymentutil}), which
 * {@code kubectl rollout status} and {@code kubectl describe} read.
 *
 * <pre>
 *   Available    True   MinimumReplicasAvailable     Deployment has minimum availability.
 *                False  MinimumReplicasUnavailable   Deployment does not have minimum availability.
 *   Progressing  True   NewReplicaSetCreated         Created new replica set "web-6cd89759b7"
 *                True   FoundNewReplicaSet           Found new replica set "web-6cd89759b7"
 *                True   ReplicaSetUpdated            ReplicaSet "web-6cd89759b7" is progressing.
 *                True   NewReplicaSetAvailable       ReplicaSet "web-6cd89759b7" has successfully progressed.
 *                False  ProgressDeadlineExceeded     ReplicaSet "web-6cd89759b7" has timed out progressing.
 *                False  ReplicaSetCreateError        Failed to create new replica set "web-...": ...
 *                Unknown DeploymentPaused / DeploymentResumed
 *   ReplicaFailure      copied from a ReplicaSet that cannot create or delete pods
 * </pre>
 */
public final class DeploymentConditions {
    public static final String AVAILABLE = "Available";
    public static final String PROGRESSING = "Progressing";
    public static final String REPLICA_FAILURE = "ReplicaFailure";

    public static final String MINIMUM_REPLICAS_AVAILABLE = "MinimumReplicasAvailable";
    public static final String MINIMUM_REPLICAS_UNAVAILABLE = "MinimumReplicasUnavailable";
    public static final String NEW_RS_CREATED = "NewReplicaSetCreated";
    public static final String FOUND_NEW_RS = "FoundNewReplicaSet";
    public static final String RS_UPDATED = "ReplicaSetUpdated";
    public static final String NEW_RS_AVAILABLE = "NewReplicaSetAvailable";
    public static final String TIMED_OUT = "ProgressDeadlineExceeded";
    public static final String FAILED_RS_CREATE = "ReplicaSetCreateError";
    public static final String PAUSED = "DeploymentPaused";
    public static final String RESUMED = "DeploymentResumed";

    private DeploymentConditions() {
    }

    /** A new condition, both times {@code now}. */
    public static DeploymentCondition of(String type, String status, String reason, String message, Instant now) {
        return new DeploymentCondition(type, status, now, now, reason, message);
    }

    /** The condition of {@code type}, or {@code null}. */
    public static DeploymentCondition get(DeploymentStatus status, String type) {
        if (status == null || status.conditions() == null) {
            return null;
        }
        return status.conditions().stream().filter(c -> type.equals(c.type())).findFirst().orElse(null);
    }

    /**
     * {@code status} with {@code condition} set (Kubernetes' {@code SetDeploymentCondition}): unchanged if one of
     * that type has the same status and reason; otherwise replaced (moved last), keeping the transition time when
     * only the reason changed.
     */
    public static DeploymentStatus set(DeploymentStatus status, DeploymentCondition condition) {
        DeploymentCondition current = get(status, condition.type());
        if (current != null && Objects.equals(current.status(), condition.status()) && Objects.equals(current.reason(), condition.reason())) {
            return status;
        }
        DeploymentCondition next = current != null && Objects.equals(current.status(), condition.status())
                ? new DeploymentCondition(condition.type(), condition.status(), condition.lastUpdateTime(),
                current.lastTransitionTime(), condition.reason(), condition.message())
                : condition;
        List<DeploymentCondition> conditions = without(status, condition.type());
        conditions.add(next);
        return status.withConditions(conditions);
    }

    /** {@code status} without a condition of {@code type}. */
    public static DeploymentStatus remove(DeploymentStatus status, String type) {
        List<DeploymentCondition> conditions = without(status, type);
        return status.withConditions(conditions.isEmpty() ? null : conditions);
    }

    private static List<DeploymentCondition> without(DeploymentStatus status, String type) {
        List<DeploymentCondition> out = new ArrayList<>();
        if (status.conditions() != null) {
            for (DeploymentCondition c : status.conditions()) {
                if (!type.equals(c.type())) {
                    out.add(c);
                }
            }
        }
        return out;
    }
}
