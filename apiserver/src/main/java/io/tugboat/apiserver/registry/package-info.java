/**
 * The registry: the rules every object lives by, between the REST layer and storage.
 *
 * <p>One generic {@link io.tugboat.apiserver.registry.Registry} per kind does what Kubernetes' generic
 * registry store does. A create runs: fill server fields (uid, creationTimestamp, generation) →
 * {@link io.tugboat.apiserver.registry.Strategy#prepareForCreate} → defaults → validation → hooks (e.g.
 * {@link io.tugboat.apiserver.registry.ServiceAllocator}) → "create if absent" in etcd. An update is a
 * read-modify-write with compare-and-swap on the resourceVersion, retried on conflict unless the client
 * pinned a version. Deletion honours preconditions, finalizers and graceful pod termination.
 *
 * <p>What differs between kinds is small and lives in {@link io.tugboat.apiserver.registry.Strategy}:
 * which fields a create resets, which a status update may touch, which fields a field selector can use.
 */
package io.tugboat.apiserver.registry;
