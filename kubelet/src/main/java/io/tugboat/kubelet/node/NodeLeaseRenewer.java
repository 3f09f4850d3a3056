package io.tugboat.kubelet.node;

import io.tugboat.api.ResourceKinds;
import io.tugboat.api.coordination.Lease;
import io.tugboat.api.coordination.LeaseSpec;
import io.tugboat.api.meta.ObjectMeta;
import io.tugboat.api.meta.OwnerReference;
import io.tugboat.client.ApiClient;
import io.tugboat.client.ApiException;
import io.tugboat.client.ResourceClient;
import java.time.Clock;
import java.util.List;

/**
 * The node's heartbeat: a Lease named after the node in {@code kube-node-lease}, whose {@code renewTime} the
 * kubelet moves forward every 10 seconds ({@code pkg/kubelet/nodelease}). The node lifecycle controller reads it;
 * a Lease not renewed within {@code leaseDurationSeconds} (40) means the node is gone.
 */
public final class NodeLeaseRenewer {
    public static final String NAMESPACE = "kube-node-lease";
    private final String node;
    private final String nodeUid;
    private final ResourceClient<Lease> leases;
    private final Clock clock;
    private final int durationSeconds;

    public NodeLeaseRenewer(String node, String nodeUid, ApiClient client, Clock clock, int durationSeconds) {
        this.node = node;
        this.nodeUid = nodeUid;
        this.leases = client.resources(ResourceKinds.LEASES).inNamespace(NAMESPACE);
        this.clock = clock;
        this.durationSeconds = durationSeconds;
    }

    /** Creates or renews the Lease. */
    public void renew() throws Exception {
        try {
            Lease lease = leases.get(node);
            LeaseSpec spec = lease.spec() == null ? new LeaseSpec(node, durationSeconds, null, null, null) : lease.spec();
            leases.update(lease.withSpec(spec.withHolderIdentity(node).withLeaseDurationSeconds(durationSeconds)
                    .withRenewTime(clock.instant())));
        } catch (ApiException.NotFoundException e) {
            List<OwnerReference> owner = nodeUid == null ? null
                    : List.of(new OwnerReference("v1", "Node", node, nodeUid, null, null));
            ObjectMeta meta = new ObjectMeta(node, null, NAMESPACE, null, null, null, null, null, null, null, null, null, owner, null);
            leases.create(Lease.of(meta, new LeaseSpec(node, durationSeconds, null, clock.instant(), null)));
        }
    }
}
