package io.tugboat.kubelet.hollow;

import io.tugboat.api.Codec;
import io.tugboat.api.ResourceKinds;
import io.tugboat.api.coordination.Lease;
import io.tugboat.api.coordination.LeaseSpec;
import io.tugboat.api.core.Node;
import io.tugboat.api.meta.ObjectMeta;
import io.tugboat.api.meta.OwnerReference;
import io.tugboat.client.ApiClient;
import io.tugboat.client.ApiException;
import io.tugboat.client.ResourceClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The node-level half of one hollow kubelet: it registers the Node, then heartbeats — renewing the node's Lease in
 * {@code kube-node-lease} every lease interval and reporting the node's status again every five minutes, the
 * kubelet's {@code nodeStatusReportFrequency} — as {@code pkg/kubelet/kubelet_node_status.go} and
 * {@code pkg/kubelet/nodelease} do. The pod-level half is shared by the whole fleet: {@link HollowPodController}.
 *
 * <pre>
 *   UNREGISTERED ──register()──▶ REGISTERED ──heartbeat()──▶ REGISTERED   (Lease renewTime = now)
 *       │  ▲                                                               (and every 5 min: node status)
 *       └──┘ failed: the caller retries with backoff
 * </pre>
 *
 * <p>Not thread-safe: the fleet calls one agent from one thread at a time.
 */
final class NodeAgent {
    static final String LEASE_NAMESPACE = "kube-node-lease";
    static final Duration STATUS_REPORT_PERIOD = Duration.ofMinutes(5);

    private final int index;
    private final String name;
    private final NodeTemplate template;
    private final ResourceClient<Node> nodes;
    private final ResourceClient<Lease> leases;
    private final Clock clock;

    private String nodeUid;
    private Lease lease;
    private Instant lastStatusReport;

    NodeAgent(int index, NodeTemplate template, ApiClient client, Clock clock) {
        this.index = index;
        this.name = template.name(index);
        this.template = template;
        this.nodes = client.resources(ResourceKinds.NODES);
        this.leases = client.resources(ResourceKinds.LEASES).inNamespace(LEASE_NAMESPACE);
        this.clock = clock;
    }

    String name() {
        return name;
    }

    boolean registered() {
        return nodeUid != null;
    }

    /**
     * Creates the Node; if it already exists (a restarted fleet), reports its status afresh instead, as a kubelet
     * that finds its Node does.
     *
     * @throws ApiException.InvalidException if the API server rejects the node: retrying cannot help
     * @throws ApiException                  for anything else; the caller retries
     */
    void register() throws ApiException {
        Instant now = clock.instant();
        Node node;
        try {
            node = nodes.create(template.node(index, now));
        } catch (ApiException.AlreadyExistsException exists) {
            node = reportStatus(now);
        }
        nodeUid = node.metadata().uid();
        lastStatusReport = now;
    }

    /** Renews the Lease (creating it the first time) and, when due, reports the node status. */
    void heartbeat() throws ApiException {
        Instant now = clock.instant();
        renewLease(now);
        if (!now.isBefore(lastStatusReport.plus(STATUS_REPORT_PERIOD))) {
            reportStatus(now);
            lastStatusReport = now;
        }
    }

    private void renewLease(Instant now) throws ApiException {
        int duration = template.config().leaseDurationSeconds();
        if (lease == null) {
            try {
                lease = leases.get(name);
            } catch (ApiException.NotFoundException missing) {
                lease = leases.create(Lease.of(leaseMeta(), new LeaseSpec(name, duration, null, now, null)));
                return;
            }
        }
        LeaseSpec spec = lease.spec().withHolderIdentity(name).withLeaseDurationSeconds(duration).withRenewTime(now);
        try {
            lease = leases.update(lease.withSpec(spec));
        } catch (ApiException.ConflictException | ApiException.NotFoundException stale) {
            lease = null; // read it again next time; one missed renewal is a quarter of the lease
            throw stale;
        }
    }

    /** The Lease is owned by its Node, so deleting the Node deletes the Lease, as in Kubernetes. */
    private ObjectMeta leaseMeta() {
        List<OwnerReference> owner = nodeUid == null ? null
                : List.of(new OwnerReference("v1", "Node", name, nodeUid, null, null));
        return new ObjectMeta(name, null, LEASE_NAMESPACE, null, null, null, null, null, null, null, null, null, owner, null);
    }

    private Node reportStatus(Instant now) throws ApiException {
        String patch = Codec.toJsonString(Map.of("status", template.status(index, now)));
        return nodes.patchStatus(name, ResourceClient.PatchType.MERGE, patch);
    }
}
