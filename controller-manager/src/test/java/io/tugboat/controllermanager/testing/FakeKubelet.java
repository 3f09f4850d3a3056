package io.tugboat.controllermanager.testing;

import io.tugboat.api.Codec;
import io.tugboat.api.ResourceKinds;
import io.tugboat.api.core.Container;
import io.tugboat.api.core.Node;
import io.tugboat.api.core.Pod;
import io.tugboat.api.core.PodCondition;
import io.tugboat.api.core.PodStatus;
import io.tugboat.api.meta.DeleteOptions;
import io.tugboat.client.ApiClient;
import io.tugboat.client.ApiException;
import io.tugboat.client.ResourceClient;
import io.tugboat.client.controller.ControllerRunner;
import io.tugboat.client.controller.Keys;
import io.tugboat.client.controller.ObjectKey;
import io.tugboat.client.controller.ReconcileResult;
import io.tugboat.client.informer.InformerOptions;
import io.tugboat.client.informer.ResourceEventHandler;
import io.tugboat.client.informer.SharedInformer;
import io.tugboat.client.informer.SharedInformerFactory;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A test-only stand-in for the scheduler and the kubelets of a few nodes, itself a small controller: it creates
 * {@code nodes} Node objects, binds every unbound pod to them round-robin, reports bound pending pods Running and Ready
 * through the status subresource (or Running and not ready when their first container's image is
 * {@linkplain #neverReady(String) marked}), and finishes graceful deletions at once (a DELETE with grace 0), as a
 * kubelet does once the containers are stopped.
 */
public final class FakeKubelet implements AutoCloseable {
    private final ResourceClient<Pod> pods;
    private final SharedInformerFactory informers;
    private final ControllerRunner runner;
    private final List<String> nodeNames;
    private final Set<String> neverReadyImages = ConcurrentHashMap.newKeySet();
    private final AtomicInteger nextNode = new AtomicInteger();

    private FakeKubelet(ApiClient client, int nodes) throws ApiException {
        this.pods = client.resources(ResourceKinds.PODS);
        this.nodeNames = java.util.stream.IntStream.range(0, nodes).mapToObj(i -> "fake-node-" + i).toList();
        for (String name : nodeNames) {
            try {
                client.resources(ResourceKinds.NODES).create(node(name));
            } catch (ApiException.AlreadyExistsException e) {
                // a second kubelet on the same cluster
            }
        }
        this.informers = new SharedInformerFactory(client::listerWatcher, InformerOptions.defaults());
        SharedInformer<Pod> informer = informers.informerFor(ResourceKinds.PODS);
        this.runner = ControllerRunner.builder("fake-kubelet", key -> reconcile(informer, key))
                .watches(informer::hasSynced, enqueue -> informer.addEventHandler(ResourceEventHandler.forKeys(enqueue)))
                .workers(8)
                .build();
    }

    /** Starts a fake kubelet for {@code nodes} nodes on the cluster behind {@code client}. */
    public static FakeKubelet start(ApiClient client, int nodes) throws Exception {
        FakeKubelet kubelet = new FakeKubelet(client, nodes);
        kubelet.informers.start();
        kubelet.runner.start();
        return kubelet;
    }

    /** Pods whose first container runs {@code image} start but never become ready. */
    public FakeKubelet neverReady(String image) {
        neverReadyImages.add(image);
        return this;
    }

    private ReconcileResult reconcile(SharedInformer<Pod> informer, String key) throws ApiException {
        ObjectKey id = Keys.split(key);
        Pod pod = informer.lister().get(id.namespace(), id.name()).orElse(null);
        if (pod == null) {
            return ReconcileResult.done();
        }
        ResourceClient<Pod> client = pods.inNamespace(id.namespace());
        try {
            if (pod.metadata().deletionTimestamp() != null) {
                client.delete(id.name(), new DeleteOptions(null, null, 0L, null, null, null, null));
            } else if (pod.spec().nodeName() == null || pod.spec().nodeName().isEmpty()) {
                client.bind(id.name(), nodeNames.get(Math.floorMod(nextNode.getAndIncrement(), nodeNames.size())));
            } else if (pod.status() == null || pod.status().phase() == null || "Pending".equals(pod.status().phase())) {
                client.updateStatus(pod.withStatus(running(pod)));
            }
        } catch (ApiException.NotFoundException | ApiException.ConflictException e) {
            // gone, or changed meanwhile: a newer event brings the key back
        }
        return ReconcileResult.done();
    }

    private PodStatus running(Pod pod) {
        List<Container> containers = pod.spec().containers();
        boolean ready = containers == null || containers.isEmpty() || !neverReadyImages.contains(containers.get(0).image());
        Instant now = Clock.systemUTC().instant();
        String readyStatus = ready ? "True" : "False";
        List<PodCondition> conditions = List.of(
                new PodCondition("PodScheduled", "True", null, now, null, null),
                new PodCondition("Initialized", "True", null, now, null, null),
                new PodCondition("ContainersReady", readyStatus, null, now, null, null),
                new PodCondition("Ready", readyStatus, null, now, null, null));
        return new PodStatus("Running", conditions, null, null, "10.0.0.1", null, "10.1.0.1", null, now, null, null, null);
    }

    private static Node node(String name) {
        try {
            return Codec.fromYaml("""
                    apiVersion: v1
                    kind: Node
                    metadata:
                      name: %s
                    status:
                      conditions:
                      - type: Ready
                        status: "True"
                    """.formatted(name), Node.class).value();
        } catch (io.tugboat.api.DecodeException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        runner.stop();
        informers.stop();
    }
}
