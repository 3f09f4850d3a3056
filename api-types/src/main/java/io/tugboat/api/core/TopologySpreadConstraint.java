package io.tugboat.api.core;

import io.tugboat.api.Copies;
import io.tugboat.api.meta.LabelSelector;
import java.util.List;

/**
 * How a pod's group should spread over topology domains (nodes, zones): the scheduler keeps the difference
 * between the most and the least loaded domain within {@code maxSkew}, strictly ({@code DoNotSchedule}) or as a
 * preference ({@code ScheduleAnyway}).
 *
 * <p>Field names and shapes are those of Kubernetes core/v1 TopologySpreadConstraint; absent fields are
 * {@code null}. Tugboat's scheduler reads {@code maxSkew}, {@code topologyKey}, {@code whenUnsatisfiable},
 * {@code labelSelector} and {@code matchLabelKeys}; the other fields round-trip but are not used.
 */
public record TopologySpreadConstraint(
        Integer maxSkew,
        String topologyKey,
        String whenUnsatisfiable,
        LabelSelector labelSelector,
        Integer minDomains,
        String nodeAffinityPolicy,
        String nodeTaintsPolicy,
        List<String> matchLabelKeys) {
    /** Collections are copied, so a record never shares mutable state with its caller. */
    public TopologySpreadConstraint {
        matchLabelKeys = Copies.list(matchLabelKeys);
    }
}
