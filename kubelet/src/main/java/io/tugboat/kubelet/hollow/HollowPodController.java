package io.tugboat.kubelet.hollow;

import io.tugboat.api.core.Pod;
import io.tugboat.api.core.PodStatus;
import io.tugboat.api.meta.DeleteOptions;
import io.tugboat.api.meta.Preconditions;
import io.tugboat.client.ApiException;
import io.tugboat.client.ObjectClient;
import io.tugboat.client.controller.Keys;
import io.tugboat.client.controller.ObjectKey;
import io.tugboat.client.controller.ReconcileResult;
import io.tugboat.client.controller.Reconciler;
import io.tugboat.client.informer.Deleted;
import io.tugboat.client.informer.Lister;
import io.tugboat.client.informer.ResourceEventHandler;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.ToIntFunction;

/**
 * The pod loop of every hollow kubelet at once: one controller, fed by one pod informer, keyed by pod, that finds
 * the pod's node among the fleet's and does what that node's kubelet would do.
 *
 * <pre>
 *   pod (from the lister)               step      what is done
 *   ─────────────────────────────────   ───────   ─────────────────────────────────────────────────────────
 *   gone, or not on one of our nodes    FORGET    the runtime forgets it (its address and resources free up)
 *   deletionTimestamp set               DELETE    stop it, then DELETE with grace 0 and the pod's uid as a
 *                                                 precondition: the kubelet's last word on a graceful delete
 *   Succeeded or Failed                 FORGET    a finished pod holds nothing on its node
 *   otherwise                           RUN       admit and run it; report Running (or Failed, if the node
 *                                                 refused it) through the status subresource, unless the
 *                                                 API server already shows that
 * </pre>
 *
 * <p>A real kubelet watches only its own pods ({@code spec.nodeName=<me>}); a thousand of those watches in one
 * process would cost a thousand connections and a thousand copies of the protocol work. Here one informer over
 * every bound pod feeds {@link #handler}, which drops pods of other nodes before they reach the queue.
 */
public final class HollowPodController implements Reconciler {
    enum Step { FORGET, DELETE, RUN }

    private final Lister<Pod> pods;
    private final ObjectClient<Pod> client;
    private final HollowRuntime runtime;
    /** Node name to node number; negative for a node that is not ours. */
    private final ToIntFunction<String> nodeIndex;

    /**
     * @param pods      the shared pod informer's lister
     * @param client    pods in all namespaces
     * @param runtime   the fleet's runtime
     * @param nodeIndex node name to node number, negative when the node is not one of the fleet's
     */
    public HollowPodController(Lister<Pod> pods, ObjectClient<Pod> client, HollowRuntime runtime,
                               ToIntFunction<String> nodeIndex) {
        this.pods = pods;
        this.client = client;
        this.runtime = runtime;
        this.nodeIndex = nodeIndex;
    }

    /** The decision, from the cached pod alone. */
    static Step decide(Optional<Pod> found, ToIntFunction<String> nodeIndex) {
        if (found.isEmpty() || nodeIndex.applyAsInt(nodeName(found.get())) < 0) {
            return Step.FORGET;
        }
        Pod pod = found.get();
        if (pod.metadata().deletionTimestamp() != null) {
            return Step.DELETE;
        }
        String phase = pod.status() == null ? null : pod.status().phase();
        if ("Succeeded".equals(phase) || "Failed".equals(phase)) {
            return Step.FORGET;
        }
        return Step.RUN;
    }

    @Override
    public ReconcileResult reconcile(String key) throws ApiException {
        ObjectKey id = Keys.split(key);
        Optional<Pod> found = pods.get(id.namespace(), id.name());
        switch (decide(found, nodeIndex)) {
            case FORGET -> runtime.kill(key);
            case DELETE -> delete(key, found.get());
            case RUN -> run(key, found.get());
        }
        return ReconcileResult.done();
    }

    private void delete(String key, Pod pod) throws ApiException {
        runtime.kill(key);
        try {
            client.inNamespace(pod.metadata().namespace()).delete(pod.metadata().name(), new DeleteOptions(null, null,
                    0L, new Preconditions(pod.metadata().uid(), null), null, null, null));
        } catch (ApiException.NotFoundException | ApiException.ConflictException gone) {
            // Already deleted, or the name now belongs to another pod: nothing of ours is left to delete.
        }
    }

    private void run(String key, Pod pod) throws ApiException {
        HollowRuntime.Admission admission = runtime.run(key, pod, nodeIndex.applyAsInt(nodeName(pod)));
        PodStatus desired = admission instanceof HollowRuntime.Admitted admitted
                ? PodStatuses.running(pod, admitted.pod())
                : PodStatuses.rejected(pod, (HollowRuntime.Rejected) admission);
        if (PodStatuses.upToDate(pod.status(), desired)) {
            return;
        }
        try {
            // Guarded by the cached resourceVersion: a conflict means our cache is behind, and the retry reads again.
            client.inNamespace(pod.metadata().namespace()).updateStatus(pod.withStatus(desired));
        } catch (ApiException.NotFoundException gone) {
            runtime.kill(key);
        }
    }

    /**
     * The informer handler: enqueues the key of every pod bound to one of the fleet's nodes, and nothing else.
     */
    public static ResourceEventHandler<Pod> handler(ToIntFunction<String> nodeIndex, Consumer<String> enqueue) {
        return new ResourceEventHandler<>() {
            @Override
            public void onAdd(Pod pod) {
                maybeEnqueue(pod);
            }

            @Override
            public void onUpdate(Pod oldPod, Pod pod) {
                maybeEnqueue(pod);
            }

            @Override
            public void onDelete(Deleted<Pod> deleted) {
                if (nodeIndex.applyAsInt(nodeName(deleted.lastKnown())) >= 0) {
                    enqueue.accept(deleted.key());
                }
            }

            private void maybeEnqueue(Pod pod) {
                if (nodeIndex.applyAsInt(nodeName(pod)) >= 0) {
                    enqueue.accept(Keys.keyOf(pod));
                }
            }
        };
    }

    private static String nodeName(Pod pod) {
        return pod.spec() == null || pod.spec().nodeName() == null ? "" : pod.spec().nodeName();
    }
}
