package io.tugboat.client.informer;

import io.tugboat.api.fields.FieldSelector;
import io.tugboat.api.labels.Selector;
import io.tugboat.client.ListOptions;

/**
 * Which part of a kind an informer caches: one namespace or all, and optionally only the objects matching a
 * label selector and a field selector — filtered by the API server, so the rest never reaches the process.
 * A kubelet watches {@code InformerScope.all().withFieldSelector("spec.nodeName=node-1")}: its own pods only.
 *
 * <p>Selectors are kept in canonical form, so {@code "tier=web,app=x"} and {@code "app=x, tier=web"} name the
 * same scope and share one informer in a {@link SharedInformerFactory}.
 *
 * @param namespace     the namespace, or {@code null} for all namespaces
 * @param labelSelector a label selector in query-string form, or {@code null} for everything
 * @param fieldSelector a field selector in query-string form, or {@code null} for everything
 */
public record InformerScope(String namespace, String labelSelector, String fieldSelector) {

    /**
     * @throws IllegalArgumentException if a selector does not parse
     */
    public InformerScope {
        namespace = emptyToNull(namespace);
        labelSelector = labelSelector == null ? null : emptyToNull(Selector.parse(labelSelector).toString());
        fieldSelector = fieldSelector == null ? null : emptyToNull(FieldSelector.parse(fieldSelector).toString());
    }

    /** Every object of the kind. */
    public static InformerScope all() {
        return new InformerScope(null, null, null);
    }

    /** Every object of the kind in {@code namespace}. */
    public static InformerScope namespace(String namespace) {
        return new InformerScope(namespace, null, null);
    }

    public InformerScope withLabelSelector(String selector) {
        return new InformerScope(namespace, selector, fieldSelector);
    }

    public InformerScope withFieldSelector(String selector) {
        return new InformerScope(namespace, labelSelector, selector);
    }

    /** The list and watch options carrying this scope's selectors (the namespace is the lister-watcher's). */
    public ListOptions listOptions() {
        return ListOptions.none().withLabelSelector(labelSelector).withFieldSelector(fieldSelector);
    }

    /** For names and logs: {@code pods}, {@code pods[ns=default,labels=app=web]}. */
    String describe(String resource) {
        if (namespace == null && labelSelector == null && fieldSelector == null) {
            return resource;
        }
        StringBuilder out = new StringBuilder(resource).append('[');
        String separator = "";
        if (namespace != null) {
            out.append("ns=").append(namespace);
            separator = ",";
        }
        if (labelSelector != null) {
            out.append(separator).append("labels=").append(labelSelector);
            separator = ",";
        }
        if (fieldSelector != null) {
            out.append(separator).append("fields=").append(fieldSelector);
        }
        return out.append(']').toString();
    }

    private static String emptyToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }
}
