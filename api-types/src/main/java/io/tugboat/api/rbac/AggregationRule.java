package io.tugboat.api.rbac;

import io.tugboat.api.Copies;
import io.tugboat.api.meta.LabelSelector;
import java.util.List;

/**
 * Which ClusterRoles' rules the controller copies into an aggregated ClusterRole ({@code admin}, {@code edit},
 * {@code view}). Tugboat stores and validates it; see the package doc for what fills the rules.
 */
public record AggregationRule(
        List<LabelSelector> clusterRoleSelectors) {
    /** Collections are copied, so a record never shares mutable state with its caller. */
    public AggregationRule {
        clusterRoleSelectors = Copies.list(clusterRoleSelectors);
    }

    public AggregationRule withClusterRoleSelectors(List<LabelSelector> clusterRoleSelectors) {
        return new AggregationRule(clusterRoleSelectors);
    }
}
