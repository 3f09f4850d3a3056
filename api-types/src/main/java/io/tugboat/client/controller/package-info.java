/**
 * Controllers: the control loop every Tugboat component is built from, in the shape of Kubernetes'
 * {@code kubernetes/sample-controller} ({@code controller.go}) and controller-runtime's {@code Reconciler}.
 *
 * <h2>The loop</h2>
 *
 * A controller watches some kinds of objects and makes the world match what they ask for: the ReplicaSet
 * controller keeps the right number of Pods, the Deployment controller the right ReplicaSets. Every controller
 * in Tugboat is put together the same way:
 *
 * <pre>
 *                API server
 *                    │ list + watch
 *                    ▼
 *   ┌──────────────────────────────────┐
 *   │ informer (io.tugboat.client.     │──── fills ────▶ cache ◀──────────────── reads ──────┐
 *   │   informer)                      │                (lister: read-only)                  │
 *   └───────────────┬──────────────────┘                                                     │
 *                   │ onAdd / onUpdate / onDelete                                            │
 *                   ▼                                                                        │
 *   event handler: compute the key "namespace/name" (of the object, or of its owner)         │
 *                   │ enqueue(key)                                                           │
 *                   ▼                                                                        │
 *   RateLimitingQueue (io.tugboat.client.workqueue): dedups keys, one worker per key         │
 *                   │ get()                                                                  │
 *                   ▼                                                                        │
 *   ControllerRunner worker threads ──▶ Reconciler.reconcile(key) ───────────────────────────┘
 *                   ▲                        │ writes the difference through the API client;
 *                   │                        │ returns done / requeueAfter(d), or throws
 *                   └────────────────────────┘ queue: forget / addAfter / addRateLimited, then done
 * </pre>
 *
 * <ol>
 *   <li><b>Event handlers only enqueue keys.</b> They never act: acting there would block the informer, and two
 *       events for one object could be handled at once.</li>
 *   <li><b>{@link io.tugboat.client.controller.Reconciler#reconcile} compares desired with actual state</b>, reading
 *       both from listers (the informers' caches), and writes only the difference. It never trusts an event's
 *       payload: by the time it runs, the object may have changed again. That makes the loop level-triggered —
 *       a controller that was down for an hour catches up by looking, not by replaying what it missed.</li>
 *   <li><b>{@link io.tugboat.client.controller.ControllerRunner} is the only worker loop.</b> It waits for the
 *       caches to sync, runs N workers, forgets a key's failures on success, retries a failure with exponential
 *       backoff, and brings a key back when the reconciler asks for it
 *       ({@link io.tugboat.client.controller.ReconcileResult#requeueAfter}). Controllers don't write their own.</li>
 * </ol>
 *
 * <h2>Keys</h2>
 *
 * A key is {@code namespace/name}, or {@code name} for a cluster-scoped object — client-go's
 * {@code MetaNamespaceKeyFunc}. {@link io.tugboat.client.controller.Keys} makes and splits them. A controller that
 * watches a second kind (the ReplicaSet controller watches Pods) enqueues the key of the owner, found through the
 * object's {@code ownerReferences}, not the key of the object that changed.
 *
 * <h2>Plugging in an informer</h2>
 *
 * {@link io.tugboat.client.controller.ControllerRunner.Source} is the seam: {@code hasSynced()} and a way to register
 * a key listener. An informer adapter implements it in a few lines — see the example on {@code Source}. On delete,
 * the handler may receive a tombstone (the final state was missed while the watch was down) instead of an object;
 * the adapter takes the key from the tombstone.
 *
 * <h2>A complete example</h2>
 *
 * The sample controller, {@code ConfigMapMirrorController} in the test sources of the {@code integration-tests}
 * module ({@code io.tugboat.integration.sample}), is the whole pattern in one small class: an index to find work,
 * a handler that only enqueues keys, and a {@code reconcile} that reads listers and writes the difference.
 * {@code ConfigMapMirrorControllerTest} unit-tests it with {@link io.tugboat.client.testing.FakeObjectClient} and
 * {@link io.tugboat.client.testing.Listers}; {@code SampleControllerIT} runs it against a real API server. The
 * chapter {@code docs/client.md} tells the same story.
 *
 * <p>Compared with the originals: the reconciler returns a value for "done" and "look again later", and throws for
 * "failed, retry", as controller-runtime does; workers are plain threads, and stopping them honours interrupts.
 */
package io.tugboat.client.controller;
