package io.tugboat.controllermanager.daemonset;

import io.tugboat.api.ResourceKinds;
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
import java.time.Instant;
import java.util.List;

/**
 * The test's scheduler and kubelets for daemon pods: binds an unbound pod to the node its required affinity names
 * ({@code matchFields metadata.name}, as the real scheduler's NodeAffinity filter would), reports bound pending
 * pods Running and Ready, and finishes graceful deletions at once.
 */
final class PinnedKubelet implements AutoCloseable {
    private final ResourceClient<Pod> pods;
    private final SharedInformerFactory informers;
    private final ControllerRunner runner;

    private PinnedKubelet(ApiClient client) {
        this.pods = client.resources(ResourceKinds.PODS);
        this.informers = new SharedInformerFactory(client::listerWatcher, InformerOptions.defaults());
        SharedInformer<Pod> informer = informers.informerFor(ResourceKinds.PODS);
        this.runner = ControllerRunner.builder("pinned-kubelet", key -> reconcile(informer, key))
                .watches(informer::hasSynced, enqueue -> informer.addEventHandler(ResourceEventHandler.forKeys(enqueue)))
                .workers(4)
                .build();
    }

    static PinnedKubelet start(ApiClient client) throws Exception {
        PinnedKubelet kubelet = new PinnedKubelet(client);
        kubelet.informers.start();
        kubelet.runner.start();
        return kubelet;
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
                String node = DaemonPods.targetNode(pod);
                if (node != null) {
                    client.bind(id.name(), node);
                }
            } else if (pod.status() == null || pod.status().phase() == null || "Pending".equals(pod.status().phase())) {
                Instant now = Instant.now();
                List<PodCondition> conditions = List.of(
                        new PodCondition("PodScheduled", "True", null, now, null, null),
                        new PodCondition("Ready", "True", null, now, null, null));
                client.updateStatus(pod.withStatus(new PodStatus("Running", conditions, null, null, "10.0.0.1", null,
                        "10.1.0.1", null, now, null, null, null)));
            }
        } catch (ApiException.NotFoundException | ApiException.ConflictException e) {
            // gone, or changed meanwhile: a newer event brings the key back
        }
        return ReconcileResult.done();
    }

    @Override
    public void close() {
        runner.stop();
        informers.stop();
    }
}
