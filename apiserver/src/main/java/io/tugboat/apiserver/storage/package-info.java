/**
 * Storage: how the API server keeps objects in etcd and tells clients about changes.
 *
 * <p>Two layers. {@link io.tugboat.apiserver.storage.Storage} is etcd as the API server needs it — keys,
 * revisions, compare-and-swap transactions and prefix watches — implemented by
 * {@link io.tugboat.apiserver.storage.EtcdStorage} on jetcd. Keys follow Kubernetes:
 * {@code /registry/pods/default/web}, {@code /registry/nodes/node-1}; an object's {@code resourceVersion}
 * is its key's etcd {@code modRevision}, a list's is the revision it was read at.
 *
 * <p>{@link io.tugboat.apiserver.storage.WatchCache} sits on one etcd watch per resource and serves every
 * client watch from memory, from a ring of recent changes:
 * <pre>
 *   revision:   100      101        102       103        ring capacity N
 *   change:   ADDED a  MODIFIED b  DELETED a  ADDED c     ──▶ oldest dropped first
 *
 *   watch from 101  ──▶  DELETED a, ADDED c           (exactly what came after 101, in order)
 *   watch from 0    ──▶  ADDED b, ADDED c, then live  (current state first)
 *   watch from 40   ──▶  410 Gone: relist             (older than the ring reaches)
 * </pre>
 * This mirrors Kubernetes' {@code storage/etcd3} and {@code storage/cacher} packages. See
 * {@code docs/apiserver.md}.
 */
package io.tugboat.apiserver.storage;
