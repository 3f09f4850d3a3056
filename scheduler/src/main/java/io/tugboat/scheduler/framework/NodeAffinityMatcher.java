package io.tugboat.scheduler.framework;

import io.tugboat.api.core.NodeAffinity;
import io.tugboat.api.core.NodeSelectorRequirement;
import io.tugboat.api.core.NodeSelectorTerm;
import io.tugboat.api.core.Pod;
import io.tugboat.api.core.PreferredSchedulingTerm;
import io.tugboat.api.labels.Operator;
import io.tugboat.api.labels.Requirement;
import io.tugboat.api.labels.Selector;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A pod's node constraints, parsed once: {@code nodeSelector} (every label must match) AND the required node
 * affinity (at least one term must match; a term's expressions are ANDed), plus the preferred terms and their
 * weights. Same semantics as Kubernetes' {@code nodeaffinity.RequiredNodeAffinity}: an empty term matches no
 * node; {@code matchFields} supports {@code metadata.name}, the only field Kubernetes supports; a term that does
 * not parse matches nothing.
 */
public final class NodeAffinityMatcher {
    private record Term(Selector labels, Selector fields) {
        boolean matches(Map<String, String> nodeLabels, String nodeName) {
            return labels.matches(nodeLabels) && fields.matches(Map.of("metadata.name", nodeName));
        }
    }

    private record Weighted(Term term, int weight) {
    }

    private static final NodeAffinityMatcher NONE = new NodeAffinityMatcher(Selector.everything(), null, List.of());

    private final Selector nodeSelector;
    /** {@code null} when the pod has no required node affinity. */
    private final List<Term> required;
    private final List<Weighted> preferred;

    private NodeAffinityMatcher(Selector nodeSelector, List<Term> required, List<Weighted> preferred) {
        this.nodeSelector = nodeSelector;
        this.required = required;
        this.preferred = preferred;
    }

    public static NodeAffinityMatcher of(Pod pod) {
        if (pod.spec() == null) {
            return NONE;
        }
        Map<String, String> selector = pod.spec().nodeSelector();
        Selector nodeSelector = selector == null || selector.isEmpty() ? Selector.everything() : Selector.of(selector, null);
        NodeAffinity affinity = pod.spec().affinity() == null ? null : pod.spec().affinity().nodeAffinity();
        List<Term> required = null;
        List<Weighted> preferred = List.of();
        if (affinity != null) {
            if (affinity.requiredDuringSchedulingIgnoredDuringExecution() != null) {
                required = new ArrayList<>();
                List<NodeSelectorTerm> terms = affinity.requiredDuringSchedulingIgnoredDuringExecution().nodeSelectorTerms();
                for (NodeSelectorTerm t : terms == null ? List.<NodeSelectorTerm>of() : terms) {
                    required.add(term(t));
                }
            }
            if (affinity.preferredDuringSchedulingIgnoredDuringExecution() != null) {
                preferred = new ArrayList<>();
                for (PreferredSchedulingTerm p : affinity.preferredDuringSchedulingIgnoredDuringExecution()) {
                    if (p.preference() != null && p.weight() != null && p.weight() != 0) {
                        preferred.add(new Weighted(term(p.preference()), p.weight()));
                    }
                }
            }
        }
        return new NodeAffinityMatcher(nodeSelector, required, preferred);
    }

    /** Whether the pod has no node constraints at all (the filter can be skipped). */
    public boolean isEmpty() {
        return nodeSelector.isEmpty() && required == null;
    }

    public boolean hasPreferred() {
        return !preferred.isEmpty();
    }

    /** Whether a node with these labels and this name satisfies the pod's nodeSelector and required affinity. */
    public boolean matchesRequired(Map<String, String> nodeLabels, String nodeName) {
        if (!nodeSelector.matches(nodeLabels)) {
            return false;
        }
        if (required == null) {
            return true;
        }
        for (Term t : required) {
            if (t.matches(nodeLabels, nodeName)) {
                return true;
            }
        }
        return false;
    }

    /** The sum of the weights of the preferred terms the node matches. */
    public long preferredScore(Map<String, String> nodeLabels, String nodeName) {
        long sum = 0;
        for (Weighted w : preferred) {
            if (w.term.matches(nodeLabels, nodeName)) {
                sum += w.weight;
            }
        }
        return sum;
    }

    private static Term term(NodeSelectorTerm t) {
        boolean empty = (t.matchExpressions() == null || t.matchExpressions().isEmpty())
                && (t.matchFields() == null || t.matchFields().isEmpty());
        if (empty) {
            return new Term(Selector.nothing(), Selector.nothing());
        }
        try {
            return new Term(Selector.of(null, requirements(t.matchExpressions())), Selector.of(null, requirements(t.matchFields())));
        } catch (IllegalArgumentException invalid) {
            return new Term(Selector.nothing(), Selector.nothing());
        }
    }

    private static List<Requirement> requirements(List<NodeSelectorRequirement> list) {
        List<Requirement> out = new ArrayList<>();
        if (list != null) {
            for (NodeSelectorRequirement r : list) {
                out.add(new Requirement(r.key(), Operator.fromApiName(r.operator()),
                        r.values() == null ? Set.of() : Set.copyOf(r.values())));
            }
        }
        return out;
    }
}
