package io.tugboat.controllermanager;

import io.tugboat.api.Codec;
import io.tugboat.api.DecodeException;
import io.tugboat.api.coordination.Lease;
import io.tugboat.api.coordination.LeaseSpec;
import io.tugboat.api.core.Event;
import io.tugboat.api.core.Node;
import io.tugboat.api.core.NodeCondition;
import io.tugboat.api.core.NodeSpec;
import io.tugboat.api.core.NodeStatus;
import io.tugboat.api.core.Pod;
import io.tugboat.api.core.Taint;
import io.tugboat.api.core.Toleration;
import io.tugboat.api.labels.Selector;
import io.tugboat.api.meta.KubernetesObject;
import io.tugboat.api.meta.ObjectMeta;
import io.tugboat.client.controller.EventSink;
import io.tugboat.client.informer.IndexFunc;
import io.tugboat.client.informer.Indexers;
import io.tugboat.client.informer.Lister;
import io.tugboat.client.testing.Listers;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/** Objects and fakes the controllers' unit tests share. */
public final class Fixtures {
    private Fixtures() {
    }

    public static ObjectMeta meta(String namespace, String name) {
        return new ObjectMeta(name, null, namespace, null, "uid-" + name, null, null,
                Instant.parse("2024-01-01T00:00:00Z"), null, null, null, null, null, null);
    }

    public static Node node(String name, String ready, Instant heartbeat, Taint... taints) {
        List<NodeCondition> conditions = ready == null ? List.of()
                : List.of(new NodeCondition("Ready", ready, heartbeat, heartbeat, "KubeletReady", "kubelet is posting ready status"));
        return Node.of(meta(null, name), new NodeSpec(null, null, null, null, List.of(taints)),
                new NodeStatus(null, null, null, conditions, null, null, null));
    }

    public static Lease lease(String node, Instant renew) {
        return Lease.of(meta("kube-node-lease", node), new LeaseSpec(node, 40, null, renew, null));
    }

    public static Pod pod(String name, String nodeName, Toleration... tolerations) {
        try {
            Pod pod = Codec.fromJson("""
                    {"apiVersion":"v1","kind":"Pod","metadata":{"name":"%s","namespace":"default","uid":"uid-%s"},
                     "spec":{"containers":[{"name":"c","image":"busybox"}]}}""".formatted(name, name)
                    .getBytes(StandardCharsets.UTF_8), Pod.class).value();
            return pod.withSpec(pod.spec().withNodeName(nodeName).withTolerations(List.of(tolerations)));
        } catch (DecodeException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A lister that reads whatever {@code objects} holds at each call: the cache after the watch caught up. */
    public static <T extends KubernetesObject> Lister<T> live(Supplier<List<T>> objects) {
        return live(objects, Map.of());
    }

    /** The same, with secondary indexes. */
    public static <T extends KubernetesObject> Lister<T> live(Supplier<List<T>> objects, Map<String, IndexFunc<T>> indexers) {
        return new Lister<>() {
            @SuppressWarnings("unchecked")
            private Lister<T> now() {
                return Lister.of(Listers.store(indexers, (T[]) objects.get().toArray(KubernetesObject[]::new)));
            }

            @Override
            public Optional<T> get(String namespace, String name) {
                return now().get(namespace, name);
            }

            @Override
            public List<T> list(Selector selector) {
                return now().list(selector);
            }

            @Override
            public List<T> list(String namespace, Selector selector) {
                return now().list(namespace, selector);
            }

            @Override
            public List<T> byIndex(String indexName, String indexedValue) {
                return now().byIndex(indexName, indexedValue);
            }
        };
    }

    /** A lister of pods with the index by node name that the node controllers use. */
    public static Lister<Pod> podsByNode(Supplier<List<Pod>> pods) {
        return live(pods, Map.of(Indexers.NODE_NAME, Indexers.field(p -> p.spec() == null ? null : p.spec().nodeName())));
    }

    /** An event sink that keeps what it is given. */
    public static final class RecordingSink implements EventSink {
        public final List<Event> events = Collections.synchronizedList(new ArrayList<>());

        @Override
        public Event create(Event event) {
            events.add(event);
            return event;
        }

        @Override
        public Event patch(String namespace, String name, String mergePatch) {
            return null;
        }

        /** {@code reason: message} of every event. */
        public List<String> reasons() {
            synchronized (events) {
                return events.stream().map(e -> e.reason() + ": " + e.message()).toList();
            }
        }
    }

    public static Map<String, String> labels(String... keyValues) {
        java.util.LinkedHashMap<String, String> map = new java.util.LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put(keyValues[i], keyValues[i + 1]);
        }
        return map;
    }
}
