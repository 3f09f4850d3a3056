package io.tugboat.client.controller;

/**
 * The one method a controller writes: make the object named by {@code key} match its spec (controller-runtime's
 * {@code Reconciler}, sample-controller's {@code syncHandler}). The loop that calls it is {@link ControllerRunner};
 * no controller writes its own.
 *
 * <p>The contract:
 * <ul>
 *   <li><b>Level-triggered.</b> The key says <em>which</em> object, not <em>what happened</em>. Read the object's
 *       current state, and the state of everything it owns, from informer caches (listers) — never from an event.
 *       The object may have changed many times since the key was queued, or be gone: a missing object is a normal
 *       case (it was deleted), not an error.</li>
 *   <li><b>Idempotent.</b> Calling it twice in a row with nothing changed makes no further changes. The runner may
 *       call it for a key at any time, for any reason (a resync, a retry, a restart).</li>
 *   <li><b>Read-only caches.</b> Never modify an object taken from a cache; records make that hard, and writes go
 *       through the API client.</li>
 *   <li><b>One key at a time.</b> The runner never calls it twice at once for the same key, but does call it
 *       concurrently for different keys: shared state must be thread-safe.</li>
 *   <li><b>Outcomes.</b> Return {@link ReconcileResult#done()} or {@link ReconcileResult#requeueAfter}. Throw when
 *       the pass failed and should be retried (an API error, a conflict): the runner logs it and retries the key
 *       with exponential backoff. An {@link InterruptedException} means "stop": let it propagate.</li>
 * </ul>
 *
 * <p>The shape of every reconcile (the lister API shown is illustrative):
 * <pre>{@code
 * public ReconcileResult reconcile(String key) throws ApiException {
 *     ObjectKey id = Keys.split(key);
 *     Optional<ReplicaSet> found = replicaSets.get(id.namespace(), id.name());  // from the cache
 *     if (found.isEmpty()) {
 *         return ReconcileResult.done();            // deleted; its pods go with the garbage collector
 *     }
 *     List<Pod> pods = podsOwnedBy(found.get());   // also from the cache
 *     int missing = found.get().spec().replicas() - pods.size();
 *     ...create `missing` pods, or delete surplus ones, through the API client...
 *     return ReconcileResult.done();
 * }
 * }</pre>
 */
@FunctionalInterface
public interface Reconciler {

    /**
     * Brings the object named by {@code key} ({@code namespace/name}, or {@code name}; see {@link Keys}) in line with
     * its spec.
     *
     * @throws InterruptedException if the thread is interrupted: the runner is stopping
     * @throws Exception            for a failed pass; the key is retried with backoff
     */
    ReconcileResult reconcile(String key) throws Exception;
}
