/**
 * The registry: the rules every object lives by, between the REST layer and storage.
 *
 * <p>One generic {@link io.tugboat.apiserver.registry.Registry} per kind does what Kubernetes' generic
 * registry store does. A create runs: fill server fields (uid, creationTimestamp, generation) →
 * {@link io.tugboat.apiserver.registry.Strategy#prepareForCreate} → defaults → validation → hooks (e.g.
 * {@link io.tugboat.apiserver.registry.ServiceAllocator}) → "create if absent" in etcd. An update is a
 * read-modify-write with compare-and-swap on the resourceVersion, retried on conflict unless the client
 * pinned a version; like Kubernetes' GuaranteedUpdate it starts from the watch cache's copy and reads etcd
 * only when that copy turns out stale (a failed compare returns the current value in the same round trip).
 * Deletion honours preconditions, finalizers and graceful pod termination.
 *
 * <p>A write encodes its object once: {@link io.tugboat.apiserver.registry.StoredJson} cuts the stored bytes
 * and the response body (the same JSON plus resourceVersion) out of one encoding.
 *
 * <p>What differs between kinds is small and lives in {@link io.tugboat.apiserver.registry.Strategy}:
 * which fields a create resets, which a status update may touch, which fields a field selector can use.
 */
package io.tugboat.apiserver.registry;
