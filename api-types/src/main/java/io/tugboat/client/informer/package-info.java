/**
 * Informers: how a Tugboat component keeps a local, always-current copy of the objects it cares about, and
 * learns when they change — without asking the API server again and again.
 *
 * <h2>The problem</h2>
 * A controller compares what should exist with what does: a ReplicaSet wants three pods, how many are there?
 * Asking the API server on every decision would swamp it (a controller-manager makes thousands of decisions a
 * minute), and polling would still notice changes late. Instead each process keeps a cache of the collections
 * it needs, fills it with one <em>list</em>, keeps it current with one long-running <em>watch</em>, and
 * hands every change to the controllers so they know what to look at again. That machinery is an informer.
 *
 * <h2>The picture</h2>
 * <pre>
 *                 list, then watch from the list's resourceVersion
 *   ┌────────────┐ ◀────────────────────────────────── ┌───────────┐
 *   │ API server │                                     │ Reflector │  one thread; relists on 410,
 *   │ (etcd, its │ ──────────────────────────────────▶ │           │  backs off on failure
 *   │ watch cache│  ADDED / MODIFIED / DELETED /       └─────┬─────┘
 *   └────────────┘  BOOKMARK / ERROR events                  │ 1. apply the change to the store
 *                                                            ▼
 *                                                ┌──────────────────────┐
 *     lister().get / list / byIndex  ──reads──▶  │ ThreadSafeStore      │  key → object, plus secondary
 *     (every reconcile, any thread)              │ (the Indexer)        │  indexes (namespace, node, owner)
 *                                                └──────────┬───────────┘
 *                                                           │ 2. then notify, in the same step
 *                                                           ▼
 *                                                ┌──────────────────────┐
 *                                                │ SharedInformer       │  fan-out: one unbounded queue and
 *                                                │  dispatcher per      │  one thread per handler
 *                                                │  handler             │
 *                                                └──┬────────────────┬──┘
 *                                                   ▼                ▼
 *                                         handler: enqueue key   handler: enqueue key
 *                                                   │                │
 *                                                   ▼                ▼
 *                                       controller A's work queue  controller B's work queue
 *                                       → reconcile(key), reading   → reconcile(key) ...
 *                                         the lister above
 * </pre>
 *
 * <h2>List, then watch: resourceVersion</h2>
 * Every write to etcd bumps a global revision, and every object carries the revision of its last write as
 * {@code metadata.resourceVersion}. A list response carries the revision it was read at. That number is what
 * makes list-then-watch exact: a watch started "from" a resourceVersion reports every change after it, in
 * order, nothing missed and nothing twice. So the {@link io.tugboat.client.informer.Reflector} lists, stores the
 * result, and watches from the list's resourceVersion; after each event it remembers the event's
 * resourceVersion. When the server ends a watch (it does so every few minutes, on purpose), the reflector
 * simply watches again from the last version it saw — no relist. A {@code BOOKMARK} event carries only a
 * newer resourceVersion: nothing this watch cares about changed, but the resume point moves forward.
 *
 * <h2>410 Gone: when the history is gone</h2>
 * The API server keeps only a window of recent changes. A client that falls behind — a long network outage,
 * a paused process — asks to resume from a version the server no longer has, and gets 410 Gone (as an
 * {@code ERROR} event with reason {@code Expired}, or as a {@link io.tugboat.client.ApiException.GoneException}).
 * The reflector then lists again, after a backoff, and compares the new list with its cache. It delivers only
 * the difference: new objects as adds, changed ones as updates, and objects that disappeared as
 * <em>tombstones</em>.
 *
 * <h2>Tombstones</h2>
 * A deletion normally arrives as a {@code DELETED} event carrying the object's final state. But an object
 * deleted while the reflector was not listening is only noticed by its absence from the relist, and nobody
 * knows what it looked like at the end. Handlers get a {@link io.tugboat.client.informer.Deleted}, a sealed
 * type: {@link io.tugboat.client.informer.DeletedObject} for a deletion seen happening,
 * {@link io.tugboat.client.informer.DeletedFinalStateUnknown} (key plus the last cached, possibly stale,
 * version) for one found out later. Either way {@code key()} is exact.
 *
 * <h2>Why controllers are level-triggered</h2>
 * Everything above says that notifications are an imperfect record: a relist merges many changes into one
 * update, a resync re-delivers objects that did not change, a deletion may arrive as a tombstone with stale
 * contents, and a process that restarts has missed everything in between. A controller that acted on the
 * <em>contents</em> of events (edge-triggered: "a pod was deleted, so create one") would drift whenever the
 * record is imperfect. So Tugboat controllers use a notification only as a hint about <em>which</em> object
 * to look at: the handler enqueues the key ({@link io.tugboat.client.informer.ResourceEventHandler#forKeys}),
 * and {@code reconcile(key)} reads the current state from the lister and compares it with the desired state.
 * Two notifications for one key while the worker is busy collapse into one reconcile in the work queue, and
 * the answer is the same however many notifications there were.
 *
 * <h2>Objects are shared and immutable</h2>
 * The cache, every lister call and every handler see the same instances. client-go has to warn in capitals
 * never to modify them; Tugboat's API objects are immutable records, so the warning is enforced by the
 * compiler. To change an object, build a copy with {@code with...} and send it to the API server; the cache
 * follows through the watch.
 *
 * <h2>Where this mirrors client-go, and where it does not</h2>
 * The package follows {@code k8s.io/client-go/tools/cache}:
 * <ul>
 *   <li>{@code reflector.go} → {@link io.tugboat.client.informer.Reflector}: list-then-watch, resume from the
 *       last resourceVersion, relist on 410, the same backoff (0.8s doubling to 30s, jittered, reset after 2
 *       minutes quiet) and watch timeouts (5–10 minutes, randomised).</li>
 *   <li>{@code store.go}, {@code index.go}, {@code thread_safe_store.go} →
 *       {@link io.tugboat.client.informer.Keys}, {@link io.tugboat.client.informer.Indexers},
 *       {@link io.tugboat.client.informer.Indexer}, {@link io.tugboat.client.informer.ThreadSafeStore}.</li>
 *   <li>{@code shared_informer.go} → {@link io.tugboat.client.informer.SharedInformer} (its
 *       {@code processorListener} is our {@code HandlerDispatcher}), and {@code informers/factory.go} →
 *       {@link io.tugboat.client.informer.SharedInformerFactory}.</li>
 *   <li>{@code delta_fifo.go} has no counterpart, on purpose. In client-go the reflector writes into a
 *       DeltaFIFO — per key, a list of the changes not yet processed — and a second goroutine pops them,
 *       updates the indexer and notifies. The FIFO decouples reading the network from processing, and on a
 *       relist it works out the deletions against the indexer. Here the reflector updates the store and
 *       notifies in one step, on its own thread, under one lock. That is safe because both halves are cheap:
 *       a store update is a map write, and "notify" only appends to each handler's own unbounded queue,
 *       which is where the buffering client-go also does ({@code processorListener}) happens. The relist
 *       difference is computed directly against the store. We lose the FIFO's merging of several changes to
 *       one key into one batch; a handler that falls behind sees each version. That merging belongs in the
 *       controller's work queue anyway, which holds each key once however often it is added. We gain one
 *       queue and one thread less, and an order of events that can be read straight off the code.</li>
 *   <li>Relists ask for the most recent state (a quorum read) rather than "at least the last version seen";
 *       both are correct against Tugboat's API server, the former is simpler to reason about (see
 *       {@link io.tugboat.client.informer.Reflector}).</li>
 *   <li>Resync is one period per informer, not per handler.</li>
 * </ul>
 *
 * <h2>Using it</h2>
 * <pre>{@code
 * SharedInformerFactory informers = new SharedInformerFactory(apiClient::listerWatcher, InformerOptions.defaults());
 * SharedInformer<ReplicaSet> replicaSets = informers.informerFor(ResourceKinds.REPLICA_SETS);
 * SharedInformer<Pod> pods = informers.informerFor(ResourceKinds.PODS);
 * pods.addIndexers(Map.of(Indexers.OWNER_UID, Indexers.ownerUid()));          // before start
 *
 * replicaSets.addEventHandler(ResourceEventHandler.forKeys(queue::add));
 * pods.addEventHandler(ownerKeysOf(queue::add));   // a pod change wakes its ReplicaSet
 *
 * informers.start();
 * if (!informers.waitForCacheSync(Duration.ofMinutes(1))) { throw new IllegalStateException("caches not synced"); }
 * // start workers: reconcile(key) reads replicaSets.lister() and pods.lister().byIndex(OWNER_UID, uid)
 * }</pre>
 *
 * <p>Reading order: {@link io.tugboat.client.informer.Keys}, {@link io.tugboat.client.informer.ThreadSafeStore},
 * {@link io.tugboat.client.informer.Reflector}, {@link io.tugboat.client.informer.SharedInformer},
 * {@link io.tugboat.client.informer.SharedInformerFactory}. The work queue that the handlers feed is in
 * {@code io.tugboat.client.workqueue}; the loop that drains it, in {@code io.tugboat.client.controller}.
 */
package io.tugboat.client.informer;
