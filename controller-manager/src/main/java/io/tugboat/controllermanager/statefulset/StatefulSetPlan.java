package io.tugboat.controllermanager.statefulset;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The StatefulSet controller's decision for one pass, as a pure function of the pods it owns (Kubernetes'
 * {@code defaultStatefulSetControl.updateStatefulSet}). With {@code OrderedReady} (monotonic) the pass stops at
 * the first step it takes or the first pod it must wait for; with {@code Parallel} it takes every create and
 * delete at once. Rolling updates go one pod at a time either way.
 *
 * <pre>
 *   1. ordinals 0..replicas-1, lowest first:
 *        missing                 ─▶ CREATE (from the current revision below the partition, else the update one)
 *        failed                  ─▶ DELETE (re-created on a later pass)
 *        terminating / not ready ─▶ wait                      (OrderedReady: the pass ends here)
 *   2. ordinals ≥ replicas, highest first ("condemned"):
 *        terminating             ─▶ wait                      (OrderedReady)
 *        otherwise               ─▶ DELETE                    (OrderedReady: one per pass)
 *   3. RollingUpdate, from the highest ordinal down to the partition:
 *        at an old revision      ─▶ DELETE, the pass ends     (step 1 re-creates it at the update revision)
 *        not yet healthy         ─▶ wait
 * </pre>
 *
 * Worked example, OrderedReady, 3 replicas, nothing yet: pass 1 creates web-0 and stops; passes while web-0 is
 * Pending wait on it; once it is Running and Ready the next pass creates web-1; and so on. Scaling 3 → 1 deletes
 * web-2, waits for it to be gone, then deletes web-1.
 */
public final class StatefulSetPlan {
    private StatefulSetPlan() {
    }

    /** An owned pod as the decision sees it. */
    public record Replica(int ordinal, String revision, boolean terminating, boolean failed, boolean healthy) {
    }

    /** What the pass does. */
    public enum Action { CREATE, DELETE }

    /** One step: create ordinal {@code ordinal} at {@code revision}, or delete it. */
    public record Step(Action action, int ordinal, String revision) {
        static Step create(int ordinal, String revision) {
            return new Step(Action.CREATE, ordinal, revision);
        }

        static Step delete(int ordinal) {
            return new Step(Action.DELETE, ordinal, null);
        }
    }

    /** The set's spec and revisions as the decision needs them. */
    public record Spec(int replicas, boolean parallel, boolean rollingUpdate, int partition, String currentRevision,
                       String updateRevision) {
    }

    /** The steps of this pass, in order. */
    public static List<Step> decide(Spec spec, List<Replica> pods) {
        boolean monotonic = !spec.parallel();
        Replica[] slots = new Replica[Math.max(0, spec.replicas())];
        List<Replica> condemned = new ArrayList<>();
        for (Replica pod : pods) {
            if (pod.ordinal() < 0) {
                continue;
            }
            if (pod.ordinal() < slots.length) {
                slots[pod.ordinal()] = pod;
            } else {
                condemned.add(pod);
            }
        }
        condemned.sort(Comparator.comparingInt(Replica::ordinal).reversed());
        List<Step> steps = new ArrayList<>();

        for (int ordinal = 0; ordinal < slots.length; ordinal++) {
            Replica pod = slots[ordinal];
            if (pod == null) {
                steps.add(Step.create(ordinal, revisionFor(spec, ordinal)));
            } else if (pod.failed() && !pod.terminating()) {
                steps.add(Step.delete(ordinal));
            } else if (pod.terminating() || !pod.healthy()) {
                if (monotonic) {
                    return steps; // wait for it before touching the next ordinal
                }
                continue;
            } else {
                continue;
            }
            if (monotonic) {
                return steps;
            }
        }

        for (Replica pod : condemned) {
            if (pod.terminating()) {
                if (monotonic) {
                    return steps;
                }
                continue;
            }
            steps.add(Step.delete(pod.ordinal()));
            if (monotonic) {
                return steps;
            }
        }

        if (!spec.rollingUpdate() || !steps.isEmpty()) {
            return steps;
        }
        for (int ordinal = slots.length - 1; ordinal >= Math.max(0, spec.partition()); ordinal--) {
            Replica pod = slots[ordinal];
            if (pod == null) {
                return steps;
            }
            if (!spec.updateRevision().equals(pod.revision()) && !pod.terminating()) {
                steps.add(Step.delete(ordinal));
                return steps;
            }
            if (pod.terminating() || !pod.healthy()) {
                return steps;
            }
        }
        return steps;
    }

    /** Below the partition a pod is (re)created at the current revision; from it on, at the update revision. */
    static String revisionFor(Spec spec, int ordinal) {
        return spec.rollingUpdate() && ordinal < spec.partition() ? spec.currentRevision() : spec.updateRevision();
    }
}
