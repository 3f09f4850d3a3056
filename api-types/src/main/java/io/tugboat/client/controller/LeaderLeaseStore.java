package io.tugboat.client.controller;

import io.tugboat.api.ResourceKinds;
import io.tugboat.api.coordination.Lease;
import io.tugboat.client.ApiClient;
import io.tugboat.client.ApiException;
import io.tugboat.client.ResourceClient;
import java.util.Optional;

/**
 * The one Lease a {@link LeaderElector} competes for, reduced to the three verbs the election needs (client-go
 * calls this the "resource lock"). The real store is {@link #of}; keeping the verbs behind an interface lets the
 * election's decisions be tested against an in-memory store and a fake clock, and lets a test cut a candidate off
 * from the API server.
 *
 * <p>Any implementation must keep the API server's guarantees, on which the election's safety rests:
 * <ul>
 *   <li>{@link #create} fails with {@link ApiException.AlreadyExistsException} if the Lease exists: of two
 *       candidates creating it at once, one wins.</li>
 *   <li>{@link #update} writes only if the Lease's {@code metadata.resourceVersion} is the stored one, and
 *       fails with {@link ApiException.ConflictException} otherwise: of two candidates taking over the same
 *       expired Lease, one wins, and nobody overwrites a renewal they have not seen.</li>
 *   <li>Both return the stored object, with its new {@code resourceVersion}.</li>
 * </ul>
 */
public interface LeaderLeaseStore {

    /** The Lease as stored now, or empty if there is none. */
    Optional<Lease> get() throws ApiException;

    /** Creates the Lease. */
    Lease create(Lease lease) throws ApiException;

    /** Replaces the Lease if nobody wrote it since {@code lease.metadata().resourceVersion()}. */
    Lease update(Lease lease) throws ApiException;

    /** {@code namespace/name}, for log lines. */
    String describe();

    /** The Lease {@code namespace/name} on the API server {@code client} talks to. */
    static LeaderLeaseStore of(ApiClient client, String namespace, String name) {
        ResourceClient<Lease> leases = client.resources(ResourceKinds.LEASES).inNamespace(namespace);
        return new LeaderLeaseStore() {
            @Override
            public Optional<Lease> get() throws ApiException {
                try {
                    return Optional.of(leases.get(name));
                } catch (ApiException.NotFoundException e) {
                    return Optional.empty();
                }
            }

            @Override
            public Lease create(Lease lease) throws ApiException {
                return leases.create(lease);
            }

            @Override
            public Lease update(Lease lease) throws ApiException {
                return leases.update(lease);
            }

            @Override
            public String describe() {
                return namespace + "/" + name;
            }
        };
    }
}
