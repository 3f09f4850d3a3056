package io.tugboat.client.informer;

import io.tugboat.api.core.ConfigMap;
import io.tugboat.api.core.Pod;
import io.tugboat.api.core.PodSpec;
import io.tugboat.api.meta.KubernetesObject;
import io.tugboat.api.meta.ObjectMeta;
import io.tugboat.api.meta.OwnerReference;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Small objects for tests, named by key: {@code "default/web"} or {@code "node-1"}. */
final class TestObjects {
    private static final PodSpec EMPTY_SPEC = new PodSpec(null, null, null, null, null, null, null, null, null, null,
            null, null, null, null, null, null, null, null, null, null, null, null, null, null);

    private TestObjects() {
    }

    /** Metadata with just a namespace (from the key) and a name. */
    static ObjectMeta meta(String key) {
        String namespace = Keys.namespaceOf(key);
        return new ObjectMeta(Keys.nameOf(key), null, namespace.isEmpty() ? null : namespace, null, "uid-" + key,
                null, null, null, null, null, null, null, null, null);
    }

    /** A ConfigMap with labels given as {@code "app=web"} strings and one data entry {@code v}. */
    static ConfigMap configMap(String key, String... labels) {
        return ConfigMap.of(meta(key).withLabels(labels(labels)), Map.of("v", "1"), null, null);
    }

    /** A pod bound to {@code nodeName} ({@code null}: not scheduled), owned by the given uids. */
    static Pod pod(String key, String nodeName, String... ownerUids) {
        List<OwnerReference> owners = Arrays.stream(ownerUids)
                .map(uid -> new OwnerReference("apps/v1", "ReplicaSet", "rs-" + uid, uid, true, true))
                .toList();
        ObjectMeta meta = meta(key).withOwnerReferences(owners.isEmpty() ? null : owners);
        return Pod.of(meta, EMPTY_SPEC.withNodeName(nodeName), null);
    }

    /** The same object at another resourceVersion. */
    @SuppressWarnings("unchecked")
    static <T extends KubernetesObject> T atVersion(T object, long resourceVersion) {
        return (T) object.withMetadata(object.metadata().withResourceVersion(Long.toString(resourceVersion)));
    }

    static Map<String, String> labels(String... pairs) {
        if (pairs.length == 0) {
            return null;
        }
        Map<String, String> labels = new LinkedHashMap<>();
        for (String pair : pairs) {
            String[] kv = pair.split("=", 2);
            labels.put(kv[0], kv[1]);
        }
        return labels;
    }
}
