package io.tugboat.scheduler.framework;

import io.tugboat.api.core.PodAffinityTerm;
import io.tugboat.api.labels.Operator;
import io.tugboat.api.labels.Requirement;
import io.tugboat.api.labels.Selector;
import io.tugboat.api.meta.LabelSelector;
import io.tugboat.api.meta.LabelSelectorRequirement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A pod (anti-)affinity term, parsed once when the pod enters the cache: "pods matching {@code selector} in
 * {@code namespaces}, counted per value of the node label {@code topologyKey}".
 *
 * <p>Namespaces as in Kubernetes: the listed ones; none listed and no {@code namespaceSelector} means the pod's
 * own namespace; an empty {@code namespaceSelector} ({@code {}}) means every namespace. A non-empty
 * {@code namespaceSelector} needs namespace labels, which Tugboat's scheduler does not watch: it adds nothing
 * (only the listed namespaces count).
 *
 * @param selector    which pods the term is about; a term without {@code labelSelector} matches no pod
 * @param namespaces  where those pods are, or {@code null} for every namespace
 * @param topologyKey the node label whose value names the domain (a node, a zone)
 * @param weight      the weight of a preferred term (1-100); 0 for a required one
 */
public record AffinityTerm(Selector selector, Set<String> namespaces, String topologyKey, int weight) {

    /** Parses {@code term} of a pod in {@code podNamespace}. */
    public static AffinityTerm of(PodAffinityTerm term, String podNamespace, int weight) {
        Set<String> namespaces;
        LabelSelector nsSelector = term.namespaceSelector();
        boolean allNamespaces = nsSelector != null && isEmpty(nsSelector);
        if (allNamespaces) {
            namespaces = null;
        } else if (term.namespaces() != null && !term.namespaces().isEmpty()) {
            namespaces = Set.copyOf(term.namespaces());
        } else {
            namespaces = Set.of(podNamespace == null ? "default" : podNamespace);
        }
        return new AffinityTerm(selector(term.labelSelector()), namespaces, term.topologyKey(), weight);
    }

    /** Whether {@code pod} is one of the pods this term is about. */
    public boolean matches(PodInfo pod) {
        return (namespaces == null || namespaces.contains(pod.namespace())) && selector.matches(pod.labels());
    }

    /**
     * Kubernetes' {@code LabelSelectorAsSelector}: {@code null} selects nothing, an empty selector everything.
     * An invalid expression (the API server would have rejected it) selects nothing.
     */
    public static Selector selector(LabelSelector labelSelector) {
        if (labelSelector == null) {
            return Selector.nothing();
        }
        List<Requirement> expressions = new ArrayList<>();
        try {
            if (labelSelector.matchExpressions() != null) {
                for (LabelSelectorRequirement r : labelSelector.matchExpressions()) {
                    expressions.add(new Requirement(r.key(), Operator.fromApiName(r.operator()),
                            r.values() == null ? Set.of() : Set.copyOf(r.values())));
                }
            }
            return Selector.of(labelSelector.matchLabels(), expressions);
        } catch (IllegalArgumentException invalid) {
            return Selector.nothing();
        }
    }

    private static boolean isEmpty(LabelSelector s) {
        return (s.matchLabels() == null || s.matchLabels().isEmpty())
                && (s.matchExpressions() == null || s.matchExpressions().isEmpty());
    }
}
