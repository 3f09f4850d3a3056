package io.tugboat.controllermanager.job;

import io.tugboat.api.ResourceKinds;
import io.tugboat.api.core.Container;
import io.tugboat.api.core.ContainerState;
import io.tugboat.api.core.ContainerStateRunning;
import io.tugboat.api.core.ContainerStateTerminated;
import io.tugboat.api.core.ContainerStatus;
import io.tugboat.api.core.Pod;
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
 * The test plays the kubelet: every new pod is reported finished at once, with exit code 1 (phase Failed) if its
 * command mentions {@code exit 1}, else exit code 0 (Succeeded); a pod running {@link #RUNS_FOREVER} is reported
 * Running instead. A pod being deleted is deleted for good (grace 0), as a kubelet does once its containers stop.
 */
final class FinishingKubelet implements AutoCloseable {
    static final String RUNS_FOREVER = "tugboat/pause:1";

    private final ResourceClient<Pod> pods;
    private final SharedInformerFactory informers;
    private final ControllerRunner runner;
    private final SharedInformer<Pod> informer;

    FinishingKubelet(ApiClient client) throws Exception {
        pods = client.resources(ResourceKinds.PODS);
        informers = new SharedInformerFactory(client::listerWatcher, InformerOptions.defaults());
        informer = informers.informerFor(ResourceKinds.PODS);
        runner = ControllerRunner.builder("finishing-kubelet", this::reconcile)
                .watches(informer::hasSynced, enqueue -> informer.addEventHandler(ResourceEventHandler.forKeys(enqueue)))
                .workers(4)
                .build();
        informers.start();
        runner.start();
    }

    private ReconcileResult reconcile(String key) throws ApiException {
        ObjectKey id = Keys.split(key);
        Pod pod = informer.lister().get(id.namespace(), id.name()).orElse(null);
        if (pod == null) {
            return ReconcileResult.done();
        }
        ResourceClient<Pod> client = pods.inNamespace(id.namespace());
        try {
            if (pod.metadata().deletionTimestamp() != null) {
                client.delete(id.name(), new DeleteOptions(null, null, 0L, null, null, null, null));
            } else if (pod.status() == null || pod.status().phase() == null || "Pending".equals(pod.status().phase())) {
                client.updateStatus(pod.withStatus(finished(pod)));
            }
        } catch (ApiException.NotFoundException | ApiException.ConflictException e) {
            // gone or changed: a newer event brings the key back
        }
        return ReconcileResult.done();
    }

    private static PodStatus finished(Pod pod) {
        Container main = pod.spec().containers().get(0);
        Instant now = Instant.now();
        if (RUNS_FOREVER.equals(main.image())) {
            ContainerStatus running = new ContainerStatus(main.name(), new ContainerState(null, new ContainerStateRunning(now), null),
                    null, true, 0, main.image(), null, null, true);
            return new PodStatus("Running", null, null, null, null, null, null, null, now, null, List.of(running), null);
        }
        String command = String.valueOf(main.command()) + main.args();
        int exitCode = command.contains("exit 1") ? 1 : 0;
        ContainerStatus done = new ContainerStatus(main.name(), new ContainerState(null, null,
                new ContainerStateTerminated(exitCode, null, exitCode == 0 ? "Completed" : "Error", null, now, now, null)),
                null, false, 0, main.image(), null, null, false);
        return new PodStatus(exitCode == 0 ? "Succeeded" : "Failed", null, null, null, null, null, null, null, now, null,
                List.of(done), null);
    }

    @Override
    public void close() {
        runner.stop();
        informers.stop();
    }
}
