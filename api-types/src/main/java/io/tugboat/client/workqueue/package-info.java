/**
 * Work queues: how a controller turns a stream of change notifications into calls of one idempotent function.
 * This package mirrors client-go's {@code k8s.io/client-go/util/workqueue}; {@link io.tugboat.client.controller}
 * shows it at work.
 *
 * <h2>Why a controller needs a queue</h2>
 *
 * An informer tells a controller "the Pod {@code default/web-1} changed" many times a second. The controller could
 * act inside the event handler, but then a slow API call would stall every other notification, two changes of the
 * same object could be handled at once by two threads, and a failure would have nowhere to go. Instead the handler
 * only puts the object's <em>key</em> ({@code "default/web-1"}) in a queue and returns. Worker threads take keys
 * out, read the <em>current</em> object from the informer's cache, and make the world match it. Because the worker
 * reads the current state rather than the event, ten notifications for one key need one pass, not ten: that is
 * what makes the loop level-triggered.
 *
 * <pre>
 *   informer event handlers          this package                      the controller
 *  ┌─────────────────────────┐     ┌────────────────────────┐       ┌──────────────────────┐
 *  │ onAdd/onUpdate/onDelete ├────▶│ RateLimitingQueue      ├──────▶│ worker threads       │
 *  └─────────────────────────┘ add │  └ DelayingQueue       │  get  │   reconcile(key)     │
 *                          (key)   │     └ WorkQueue (FIFO) │       │   reads listers only │
 *                                  └───────────▲────────────┘       └──────────┬───────────┘
 *                                              │  failed:     addRateLimited   │
 *                                              │  look later: addAfter(d)      │
 *                                              │  succeeded:  forget           │
 *                                              └── always: done(key) ──────────┘
 * </pre>
 *
 * <h2>The guarantees</h2>
 *
 * {@link io.tugboat.client.workqueue.WorkQueue} promises what client-go's queue promises:
 * <ul>
 *   <li><b>Fair:</b> items are handed out in the order they were added.</li>
 *   <li><b>Stingy:</b> an item added many times before a worker takes it is processed once; an item is never
 *       processed by two workers at the same time. If it changes again while a worker holds it, it is handed out
 *       again after that worker calls {@code done} — so the last change is never missed.</li>
 *   <li><b>Many producers and consumers</b> may use it at once.</li>
 *   <li><b>Shutdown:</b> {@code shutDown()} refuses new items and, once the queue is empty, makes {@code get()}
 *       return empty, which tells workers to return; {@code shutDownWithDrain()} also waits for the items already
 *       queued to be processed.</li>
 * </ul>
 *
 * <h2>Three layers</h2>
 *
 * <ol>
 *   <li>{@link io.tugboat.client.workqueue.WorkQueue}: the FIFO with the guarantees above.</li>
 *   <li>{@link io.tugboat.client.workqueue.DelayingQueue}: adds {@code addAfter(item, delay)}, so an item can come
 *       back later ("look again when the progress deadline passes").</li>
 *   <li>{@link io.tugboat.client.workqueue.RateLimitingQueue}: adds {@code addRateLimited(item)}, where a
 *       {@link io.tugboat.client.workqueue.RateLimiter} picks the delay. The default
 *       ({@link io.tugboat.client.workqueue.RateLimiters#defaultControllerRateLimiter}) is the longer of per-item
 *       exponential backoff — 5 ms, 10 ms, 20 ms, ... up to 1000 s — and an overall token bucket of 10 retries a
 *       second with bursts of 100, so that one broken object backs off alone and a thousand broken objects cannot
 *       flood the API server.</li>
 * </ol>
 *
 * <h2>Time</h2>
 *
 * Every delay is measured on an injected {@link java.time.Clock}. Production passes {@code Clock.systemUTC()}; tests
 * pass {@link io.tugboat.client.testing.FakeClock} and move time themselves. A thread waiting for fake time cannot
 * just sleep, so clocks that move in steps implement {@link io.tugboat.client.workqueue.SteppedClock} and wake their
 * waiters after every step. No test of this package waits for real time to pass.
 *
 * <h2>Differences from client-go</h2>
 *
 * {@code get()} returns {@code Optional.empty()} on shutdown instead of a {@code shutdown} flag, and can be
 * interrupted. {@code shutDownWithDrain()} waits for queued items as well as those in flight. There are no queue
 * metrics; the controller runner counts what it does.
 */
package io.tugboat.client.workqueue;
