package io.tugboat.client.informer;

import io.tugboat.api.ResourceKind;
import io.tugboat.api.meta.KubernetesObject;
import io.tugboat.client.ListerWatcher;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Hands out one {@link SharedInformer} per collection — kind plus {@link InformerScope} — to every controller in
 * a process, so that the scheduler's and three controllers' interest in pods costs one watch and one cache.
 *
 * <pre>{@code
 * SharedInformerFactory informers = new SharedInformerFactory(apiClient::listerWatcher, InformerOptions.defaults());
 * SharedInformer<Pod> pods = informers.informerFor(ResourceKinds.PODS);             // same instance for
 * SharedInformer<ReplicaSet> sets = informers.informerFor(ResourceKinds.REPLICA_SETS); // every caller
 * pods.addEventHandler(ResourceEventHandler.forKeys(queue::add));
 * informers.start();                                   // starts every informer asked for so far
 * if (!informers.waitForCacheSync(Duration.ofMinutes(1))) { ...give up... }
 * // now run the workers; they read pods.lister()
 * }</pre>
 *
 * <p>The usual order is: every component asks for its informers and registers handlers and indexes, then
 * {@code main} calls {@link #start()} once. Informers asked for after that are not started until
 * {@link #start()} is called again (it starts only those not yet running), as in client-go's
 * {@code SharedInformerFactory} ({@code informers/factory.go}).
 */
public final class SharedInformerFactory {
    private record Key(ResourceKind<?> kind, InformerScope scope) {
    }

    private final ListerWatcherSource source;
    private final InformerOptions options;
    /** Guarded by {@code this}. */
    private final Map<Key, SharedInformer<?>> informers = new LinkedHashMap<>();
    private boolean stopped;

    /**
     * @param source  how to reach the API server for a kind; the typed client provides it
     * @param options time, backoff and resync settings for every informer made here
     */
    public SharedInformerFactory(ListerWatcherSource source, InformerOptions options) {
        this.source = Objects.requireNonNull(source, "source");
        this.options = Objects.requireNonNull(options, "options");
    }

    /** The informer for every object of {@code kind}. */
    public <T extends KubernetesObject> SharedInformer<T> informerFor(ResourceKind<T> kind) {
        return informerFor(kind, InformerScope.all());
    }

    /** The informer for the objects of {@code kind} in {@code scope}, created on first request. */
    public <T extends KubernetesObject> SharedInformer<T> informerFor(ResourceKind<T> kind, InformerScope scope) {
        return informerFor(kind, scope, () -> source.listerWatcher(kind, scope.namespace()));
    }

    /**
     * The informer for every object of {@code kind}, created with {@code listerWatcher} if it does not exist yet
     * — for a source the factory's {@link ListerWatcherSource} does not cover.
     */
    public <T extends KubernetesObject> SharedInformer<T> informerFor(ResourceKind<T> kind,
                                                                      Supplier<ListerWatcher<T>> listerWatcher) {
        return informerFor(kind, InformerScope.all(), listerWatcher);
    }

    /**
     * Like {@link #informerFor(ResourceKind, InformerScope)}, with an explicit lister-watcher used only if this
     * call creates the informer (an existing one is returned as is).
     *
     * @throws IllegalArgumentException if the scope names a namespace for a cluster-scoped kind
     * @throws IllegalStateException    if the factory has been stopped
     */
    public synchronized <T extends KubernetesObject> SharedInformer<T> informerFor(
            ResourceKind<T> kind, InformerScope scope, Supplier<ListerWatcher<T>> listerWatcher) {
        if (stopped) {
            throw new IllegalStateException("informer factory is stopped");
        }
        if (!kind.namespaced() && scope.namespace() != null) {
            throw new IllegalArgumentException(kind.kind() + " is cluster-scoped; it has no namespace " + scope.namespace());
        }
        Key key = new Key(kind, scope);
        @SuppressWarnings("unchecked") // the key's kind fixes T
        SharedInformer<T> informer = (SharedInformer<T>) informers.get(key);
        if (informer == null) {
            informer = new SharedInformer<>(scope.describe(kind.qualifiedName()), listerWatcher.get(),
                    scope.listOptions(), options);
            informers.put(key, informer);
        }
        return informer;
    }

    /** Starts every informer not yet started. */
    public synchronized void start() {
        if (stopped) {
            throw new IllegalStateException("informer factory is stopped");
        }
        informers.values().forEach(SharedInformer::start);
    }

    /**
     * Waits until every informer created so far has synced, or {@code timeout} (real time) has passed.
     * Controllers call this before starting workers, so that no reconcile reads a half-filled cache.
     *
     * @return whether all have synced
     */
    public boolean waitForCacheSync(Duration timeout) throws InterruptedException {
        List<SharedInformer<?>> all;
        synchronized (this) {
            all = new ArrayList<>(informers.values());
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        for (SharedInformer<?> informer : all) {
            long left = Math.max(0, deadline - System.nanoTime());
            if (!informer.awaitSynced(Duration.ofNanos(left))) {
                return false;
            }
        }
        return true;
    }

    /** Stops every informer and waits for their threads; the factory cannot be used afterwards. */
    public void stop() {
        List<SharedInformer<?>> all;
        synchronized (this) {
            stopped = true;
            all = new ArrayList<>(informers.values());
        }
        all.forEach(SharedInformer::stop);
    }
}
