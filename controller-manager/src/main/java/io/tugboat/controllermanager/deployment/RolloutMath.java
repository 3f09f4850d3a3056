package io.tugboat.controllermanager.deployment;

import io.tugboat.api.IntOrString;
import io.tugboat.api.apps.Deployment;
import io.tugboat.api.apps.RollingUpdateDeployment;

/**
 * The arithmetic of a rolling update (Kubernetes' {@code deploymentutil.ResolveFenceposts}, {@code MaxSurge},
 * {@code MaxUnavailable}). With {@code replicas} desired, a rollout may run up to {@code replicas + maxSurge} pods
 * and must keep at least {@code replicas - maxUnavailable} available:
 *
 * <pre>
 *   replicas  maxSurge  maxUnavailable   surge (rounds up)  unavailable (rounds down)
 *   10        25%       25%              3                  2
 *   3         25%       25%              1                  0
 *   1         25%       25%              1                  0
 *   10        0         0  (invalid)     0                  1   ◀ both 0 would never progress
 *   4         0%        10%              0                  1   ◀ 10% of 4 rounds down to 0: forced to 1
 *   5         100%      0                5                  0
 * </pre>
 *
 * Both fenceposts 0 is rejected by the API server, but a percentage can round down to 0; then one pod may be
 * unavailable, on the assumption that new pods will become ready.
 */
public final class RolloutMath {
    private RolloutMath() {
    }

    /** A resolved pair of fenceposts. */
    public record Fenceposts(int maxSurge, int maxUnavailable) {
    }

    /** Resolves {@code maxSurge} (rounded up) and {@code maxUnavailable} (rounded down) against {@code replicas}. */
    public static Fenceposts resolve(IntOrString maxSurge, IntOrString maxUnavailable, int replicas) {
        int surge = maxSurge == null ? 0 : maxSurge.scaledValue(replicas, true);
        int unavailable = maxUnavailable == null ? 0 : maxUnavailable.scaledValue(replicas, false);
        if (surge == 0 && unavailable == 0) {
            unavailable = 1;
        }
        return new Fenceposts(surge, unavailable);
    }

    /** Whether the Deployment rolls (the default) rather than recreates. */
    public static boolean isRollingUpdate(Deployment d) {
        return d.spec().strategy() == null || d.spec().strategy().type() == null
                || "RollingUpdate".equals(d.spec().strategy().type());
    }

    /** How many pods a rolling update may run above {@code replicas}; 0 for Recreate. */
    public static int maxSurge(Deployment d) {
        if (!isRollingUpdate(d)) {
            return 0;
        }
        RollingUpdateDeployment r = rolling(d);
        return resolve(r.maxSurge(), r.maxUnavailable(), replicas(d)).maxSurge();
    }

    /** How many of {@code replicas} may be unavailable during a rolling update, at most {@code replicas}. */
    public static int maxUnavailable(Deployment d) {
        if (!isRollingUpdate(d) || replicas(d) == 0) {
            return 0;
        }
        RollingUpdateDeployment r = rolling(d);
        return Math.min(replicas(d), resolve(r.maxSurge(), r.maxUnavailable(), replicas(d)).maxUnavailable());
    }

    /** {@code spec.replicas}, 1 if absent (the API server's default). */
    public static int replicas(Deployment d) {
        return d.spec().replicas() == null ? 1 : d.spec().replicas();
    }

    private static RollingUpdateDeployment rolling(Deployment d) {
        RollingUpdateDeployment r = d.spec().strategy() == null ? null : d.spec().strategy().rollingUpdate();
        return r != null ? r : new RollingUpdateDeployment(IntOrString.of("25%"), IntOrString.of("25%"));
    }

    /**
     * The size the new ReplicaSet may grow to now (Kubernetes' {@code NewRSNewReplicas}): for a rolling update,
     * as far as the surge allows without passing {@code replicas}; for Recreate, all of it.
     *
     * @param currentPods the pods all ReplicaSets may be running (see {@link ReplicaSetLists#podsAccountedFor})
     * @param newRsReplicas the new ReplicaSet's {@code spec.replicas}
     */
    public static int newReplicaSetReplicas(Deployment d, int currentPods, int newRsReplicas) {
        if (!isRollingUpdate(d)) {
            return replicas(d);
        }
        int maxTotal = replicas(d) + maxSurge(d);
        if (currentPods >= maxTotal) {
            return newRsReplicas;
        }
        int scaleUp = Math.min(maxTotal - currentPods, replicas(d) - newRsReplicas);
        return newRsReplicas + scaleUp;
    }
}
