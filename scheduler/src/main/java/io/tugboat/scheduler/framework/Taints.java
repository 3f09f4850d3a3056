package io.tugboat.scheduler.framework;

import io.tugboat.api.core.Taint;
import io.tugboat.api.core.Toleration;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/** Taint and toleration matching, as Kubernetes' {@code Toleration.ToleratesTaint}. */
public final class Taints {
    public static final String NO_SCHEDULE = "NoSchedule";
    public static final String PREFER_NO_SCHEDULE = "PreferNoSchedule";
    public static final String NO_EXECUTE = "NoExecute";
    /** Set by the node lifecycle controller (and the kubelet at registration) while a node is not Ready. */
    public static final String NOT_READY = "node.kubernetes.io/not-ready";
    /** Set by the node lifecycle controller while a node's Ready condition is Unknown (it stopped reporting). */
    public static final String UNREACHABLE = "node.kubernetes.io/unreachable";
    /** Set on cordoned nodes ({@code spec.unschedulable}). */
    public static final String UNSCHEDULABLE = "node.kubernetes.io/unschedulable";

    private Taints() {
    }

    /**
     * Whether {@code toleration} tolerates {@code taint}: same effect (or the toleration names none), same key (or
     * none, with {@code Exists}), and for {@code Equal} (the default operator) the same value.
     */
    public static boolean tolerates(Toleration toleration, Taint taint) {
        if (notEmpty(toleration.effect()) && !toleration.effect().equals(taint.effect())) {
            return false;
        }
        if (notEmpty(toleration.key()) && !toleration.key().equals(taint.key())) {
            return false;
        }
        String op = toleration.operator();
        if (op == null || op.isEmpty() || op.equals("Equal")) {
            return Objects.equals(emptyToNull(toleration.value()), emptyToNull(taint.value()));
        }
        return op.equals("Exists");
    }

    /** Whether any of {@code tolerations} tolerates {@code taint}. */
    public static boolean tolerated(List<Toleration> tolerations, Taint taint) {
        if (tolerations != null) {
            for (Toleration t : tolerations) {
                if (tolerates(t, taint)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The first of {@code taints} accepted by {@code which} that no toleration tolerates, or {@code null}. */
    public static Taint firstUntolerated(List<Taint> taints, List<Toleration> tolerations, Predicate<Taint> which) {
        if (taints != null) {
            for (Taint taint : taints) {
                if (which.test(taint) && !tolerated(tolerations, taint)) {
                    return taint;
                }
            }
        }
        return null;
    }

    /** Kubernetes' reason for an untolerated taint: {@code node(s) had untolerated taint {key: value}}. */
    public static String untoleratedReason(Taint taint) {
        return "node(s) had untolerated taint {" + taint.key() + ": " + (taint.value() == null ? "" : taint.value()) + "}";
    }

    private static boolean notEmpty(String s) {
        return s != null && !s.isEmpty();
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
