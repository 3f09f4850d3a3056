package io.tugboat.client.informer;

import io.tugboat.api.meta.KubernetesObject;
import io.tugboat.api.meta.ObjectMeta;
import io.tugboat.api.meta.OwnerReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The secondary indexes controllers ask for, by name. An index answers "which cached objects have value V?"
 * without scanning the whole cache:
 *
 * <pre>
 *   index name                        value             answers
 *   NAMESPACE                         default           every object in namespace default
 *   OWNER_UID                         7f3c-...          every object whose ownerReferences include that uid
 *   NODE_NAME (pods, spec.nodeName)   node-1            every pod bound to node-1
 * </pre>
 *
 * <p>Register them on a {@link ThreadSafeStore} or, before it starts, a {@link SharedInformer}:
 * <pre>{@code
 * informer.addIndexers(Map.of(
 *         Indexers.OWNER_UID, Indexers.ownerUid(),
 *         Indexers.NODE_NAME, Indexers.<Pod>field(p -> p.spec() == null ? null : p.spec().nodeName())));
 * List<Pod> onNode = informer.indexer().byIndex(Indexers.NODE_NAME, "node-1");
 * }</pre>
 * Mirrors client-go's {@code NamespaceIndex} / {@code MetaNamespaceIndexFunc} ({@code tools/cache/index.go}).
 */
public final class Indexers {
    /** Index by {@code metadata.namespace}; cluster-scoped objects are filed under {@code ""}. */
    public static final String NAMESPACE = "namespace";
    /** Index by {@code metadata.ownerReferences[*].uid}: "which objects does this owner have?". */
    public static final String OWNER_UID = "metadata.ownerReferences.uid";
    /** Conventional name for an index of pods by {@code spec.nodeName}; build it with {@link #field}. */
    public static final String NODE_NAME = "spec.nodeName";

    private Indexers() {
    }

    /** The index every informer has: {@link #NAMESPACE}. */
    public static <T extends KubernetesObject> Map<String, IndexFunc<T>> defaults() {
        return Map.of(NAMESPACE, namespace());
    }

    /** Files an object under its namespace ({@code ""} when cluster-scoped), as client-go does. */
    public static <T extends KubernetesObject> IndexFunc<T> namespace() {
        return object -> {
            ObjectMeta meta = object.metadata();
            String namespace = meta == null || meta.namespace() == null ? "" : meta.namespace();
            return List.of(namespace);
        };
    }

    /** Files an object under the uid of every owner it references; an object with no owners is not indexed. */
    public static <T extends KubernetesObject> IndexFunc<T> ownerUid() {
        return object -> {
            ObjectMeta meta = object.metadata();
            if (meta == null || meta.ownerReferences() == null) {
                return List.of();
            }
            List<String> uids = new ArrayList<>(meta.ownerReferences().size());
            for (OwnerReference owner : meta.ownerReferences()) {
                if (owner != null && owner.uid() != null && !uids.contains(owner.uid())) {
                    uids.add(owner.uid());
                }
            }
            return uids;
        };
    }

    /**
     * Files an object under one field's value, e.g. a pod's {@code spec.nodeName}. An object whose field is
     * {@code null} (a pod not yet scheduled) is not indexed; {@code ""} is indexed as a value like any other.
     * The function must be pure (see {@link IndexFunc}).
     */
    public static <T extends KubernetesObject> IndexFunc<T> field(Function<? super T, String> field) {
        return object -> {
            String value = field.apply(object);
            return value == null ? List.of() : List.of(value);
        };
    }
}
