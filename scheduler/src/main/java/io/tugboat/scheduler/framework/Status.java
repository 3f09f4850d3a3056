package io.tugboat.scheduler.framework;

import java.util.List;
import java.util.Objects;

/**
 * What a plugin says about a pod (and a node): the outcome is a value, never an exception. Mirrors
 * kube-scheduler's {@code framework.Status}.
 *
 * <pre>
 *   SUCCESS                          the node is fine for the pod (or the step went well)
 *   UNSCHEDULABLE                    not now; preemption or a change elsewhere might help ("Insufficient cpu")
 *   UNSCHEDULABLE_AND_UNRESOLVABLE   not on this node whatever happens to other pods ("node(s) had untolerated taint")
 *   ERROR                            something broke (a failed API call); the pod is retried after a backoff
 *   SKIP                             (PreFilter/PreScore only) this plugin has nothing to say about this pod:
 *                                    its Filter/Score is not called for it
 * </pre>
 *
 * @param code    the outcome
 * @param reasons human-readable reasons, each counted in the "0/N nodes are available" message; empty on success
 */
public record Status(Code code, List<String> reasons) {

    /** The outcome of a plugin call. */
    public enum Code { SUCCESS, UNSCHEDULABLE, UNSCHEDULABLE_AND_UNRESOLVABLE, ERROR, SKIP }

    public static final Status SUCCESS = new Status(Code.SUCCESS, List.of());
    public static final Status SKIP = new Status(Code.SKIP, List.of());

    public Status {
        Objects.requireNonNull(code, "code");
        reasons = List.copyOf(reasons);
    }

    /** The node does not fit now, but could once other pods go away. */
    public static Status unschedulable(String... reasons) {
        return new Status(Code.UNSCHEDULABLE, List.of(reasons));
    }

    /** The node can't take this pod whatever happens to other pods (its labels, taints or name are wrong). */
    public static Status unresolvable(String... reasons) {
        return new Status(Code.UNSCHEDULABLE_AND_UNRESOLVABLE, List.of(reasons));
    }

    /** Something failed that has nothing to do with the pod's fit; the pod is retried after a backoff. */
    public static Status error(String reason) {
        return new Status(Code.ERROR, List.of(reason));
    }

    public boolean isSuccess() {
        return code == Code.SUCCESS;
    }

    public boolean isSkip() {
        return code == Code.SKIP;
    }

    /** Unschedulable, resolvable or not: the pod does not fit (as opposed to an error). */
    public boolean isRejection() {
        return code == Code.UNSCHEDULABLE || code == Code.UNSCHEDULABLE_AND_UNRESOLVABLE;
    }

    /** The reasons joined by {@code ", "}. */
    public String message() {
        return String.join(", ", reasons);
    }
}
