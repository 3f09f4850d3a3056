package io.tugboat.apiserver.auth.node;

import io.tugboat.api.core.Container;
import io.tugboat.api.core.EnvFromSource;
import io.tugboat.api.core.EnvVar;
import io.tugboat.api.core.LocalObjectReference;
import io.tugboat.api.core.Pod;
import io.tugboat.api.core.Volume;
import io.tugboat.apiserver.auth.CachedObjects;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * Which node may see which objects, as Kubernetes' node authorizer graph: an edge from each pod to the node it is
 * bound to, and from each Secret, ConfigMap and PersistentVolumeClaim a pod uses (volumes, env and envFrom of every
 * container and init container, imagePullSecrets) to the pod. A PersistentVolume is reachable through the claim
 * bound to it ({@code spec.volumeName}), looked up when asked.
 *
 * <pre>
 *   secret/ns/db-pass ──► pod/ns/web-1 ──► node/worker-1
 *   configmap/ns/conf ──┘
 *   pv/data ──► pvc/ns/data ──► pod/ns/db-0 ──► node/worker-2
 * </pre>
 *
 * <p>It is fed pod changes ({@link #changed}, a {@link CachedObjects.Listener}) from the API server's pod watch
 * cache, so it follows binding, deletion and edits as they happen, and answers from memory. A pod that is not
 * bound yet contributes nothing. Thread-safe: updates and reads take this object's lock for a few map operations.
 */
public final class PodGraph implements CachedObjects.Listener<Pod> {
    /** What a pod can refer to. */
    public enum Kind { SECRET, CONFIG_MAP, CLAIM }

    record Ref(Kind kind, String namespace, String name) {
    }

    /** ns/name of each bound pod → its node. */
    private final Map<String, String> podNode = new HashMap<>();
    /** node → referenced object → how many of the node's pods refer to it. */
    private final Map<String, Map<Ref, Integer>> uses = new HashMap<>();
    /** ns/name of each bound pod → the objects it refers to (what to take back when it changes). */
    private final Map<String, Set<Ref>> podRefs = new HashMap<>();

    @Override
    public synchronized void changed(Pod old, Pod current) {
        if (old != null) {
            remove(old);
        }
        if (current != null) {
            add(current);
        }
    }

    @Override
    public synchronized void reset() {
        podNode.clear();
        uses.clear();
        podRefs.clear();
    }

    private static String key(String namespace, String name) {
        return namespace + "/" + name;
    }

    private void add(Pod pod) {
        String node = pod.spec() == null ? null : pod.spec().nodeName();
        if (node == null || node.isEmpty()) {
            return;
        }
        String key = key(pod.metadata().namespace(), pod.metadata().name());
        Set<Ref> refs = references(pod);
        podNode.put(key, node);
        podRefs.put(key, refs);
        Map<Ref, Integer> counts = uses.computeIfAbsent(node, n -> new HashMap<>());
        refs.forEach(ref -> counts.merge(ref, 1, Integer::sum));
    }

    private void remove(Pod pod) {
        String key = key(pod.metadata().namespace(), pod.metadata().name());
        String node = podNode.remove(key);
        Set<Ref> refs = podRefs.remove(key);
        if (node == null || refs == null) {
            return;
        }
        Map<Ref, Integer> counts = uses.get(node);
        for (Ref ref : refs) {
            counts.computeIfPresent(ref, (r, n) -> n == 1 ? null : n - 1);
        }
        if (counts.isEmpty()) {
            uses.remove(node);
        }
    }

    /** Whether the pod exists and is bound to {@code node}. */
    public synchronized boolean podOnNode(String node, String namespace, String name) {
        return node.equals(podNode.get(key(namespace, name)));
    }

    /** Whether some pod bound to {@code node} refers to the object. */
    public synchronized boolean nodeUses(String node, Kind kind, String namespace, String name) {
        Map<Ref, Integer> counts = uses.get(node);
        return counts != null && counts.containsKey(new Ref(kind, namespace, name));
    }

    /**
     * Whether a claim used by a pod on {@code node} is bound to the volume. {@code volumeOfClaim} gives a claim's
     * {@code spec.volumeName} (namespace, name → volume name or empty).
     */
    public boolean nodeUsesVolume(String node, String volume, BiFunction<String, String, Optional<String>> volumeOfClaim) {
        List<Ref> claims;
        synchronized (this) {
            Map<Ref, Integer> counts = uses.get(node);
            if (counts == null) {
                return false;
            }
            claims = counts.keySet().stream().filter(r -> r.kind() == Kind.CLAIM).toList();
        }
        for (Ref claim : claims) {
            if (volumeOfClaim.apply(claim.namespace(), claim.name()).map(volume::equals).orElse(false)) {
                return true;
            }
        }
        return false;
    }

    /** Every Secret, ConfigMap and claim the pod names, in the pod's namespace. */
    static Set<Ref> references(Pod pod) {
        String ns = pod.metadata().namespace();
        Set<Ref> refs = new HashSet<>();
        if (pod.spec() == null) {
            return refs;
        }
        for (Volume v : list(pod.spec().volumes())) {
            if (v.secret() != null) {
                addRef(refs, Kind.SECRET, ns, v.secret().secretName());
            }
            if (v.configMap() != null) {
                addRef(refs, Kind.CONFIG_MAP, ns, v.configMap().name());
            }
            if (v.persistentVolumeClaim() != null) {
                addRef(refs, Kind.CLAIM, ns, v.persistentVolumeClaim().claimName());
            }
        }
        for (LocalObjectReference pullSecret : list(pod.spec().imagePullSecrets())) {
            addRef(refs, Kind.SECRET, ns, pullSecret.name());
        }
        for (List<Container> containers : List.of(list(pod.spec().initContainers()), list(pod.spec().containers()))) {
            for (Container c : containers) {
                for (EnvVar env : list(c.env())) {
                    if (env.valueFrom() != null && env.valueFrom().secretKeyRef() != null) {
                        addRef(refs, Kind.SECRET, ns, env.valueFrom().secretKeyRef().name());
                    }
                    if (env.valueFrom() != null && env.valueFrom().configMapKeyRef() != null) {
                        addRef(refs, Kind.CONFIG_MAP, ns, env.valueFrom().configMapKeyRef().name());
                    }
                }
                for (EnvFromSource from : list(c.envFrom())) {
                    if (from.secretRef() != null) {
                        addRef(refs, Kind.SECRET, ns, from.secretRef().name());
                    }
                    if (from.configMapRef() != null) {
                        addRef(refs, Kind.CONFIG_MAP, ns, from.configMapRef().name());
                    }
                }
            }
        }
        return refs;
    }

    private static void addRef(Set<Ref> refs, Kind kind, String namespace, String name) {
        if (name != null && !name.isEmpty()) {
            refs.add(new Ref(kind, namespace, name));
        }
    }

    private static <T> List<T> list(List<T> values) {
        return values == null ? List.of() : values.stream().filter(v -> v != null).toList();
    }
}
