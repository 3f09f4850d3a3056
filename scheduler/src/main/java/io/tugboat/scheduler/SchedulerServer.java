package io.tugboat.scheduler;

import io.tugboat.api.Codec;
import io.tugboat.api.ResourceKinds;
import io.tugboat.api.core.Node;
import io.tugboat.api.core.Pod;
import io.tugboat.client.ApiClient;
import io.tugboat.client.ResourceClient;
import io.tugboat.client.controller.EventRecorder;
import io.tugboat.client.informer.InformerOptions;
import io.tugboat.client.informer.SharedInformer;
import io.tugboat.client.informer.SharedInformerFactory;
import io.tugboat.scheduler.cache.SchedulerCache;
import io.tugboat.scheduler.framework.Framework;
import io.tugboat.scheduler.framework.Handle;
import io.tugboat.scheduler.queue.SchedulingQueue;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One scheduler, wired: informers over nodes and pods feeding the {@link SchedulerCache} and the
 * {@link SchedulingQueue}, the {@link Scheduler} loop on its own thread, a bounded pool of binding threads, the
 * periodic flushes, the event recorder. {@code tug scheduler} builds one; integration tests build several.
 *
 * <p>Informers start at once (a standby replica keeps a warm cache); the scheduling loop only runs between
 * {@link #startScheduling()} and {@link #stopScheduling()} — that is, while this replica leads.
 */
public final class SchedulerServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SchedulerServer.class);

    /**
     * @param bindThreads   concurrent bindings (and condition writes)
     * @param assumedPodTtl how long an assumed pod whose binding succeeded may stay unconfirmed
     */
    public record Options(Profile profile, int bindThreads, Duration assumedPodTtl, Clock clock) {
        public static Options defaults() {
            return new Options(Profile.defaults(), 16, Duration.ofMinutes(15), Clock.systemUTC());
        }

        public Options withProfile(Profile profile) {
            return new Options(profile, bindThreads, assumedPodTtl, clock);
        }
    }

    private final SharedInformerFactory informers;
    private final SharedInformer<Pod> pods;
    private final SchedulingQueue queue;
    private final SchedulerCache cache;
    private final Framework framework;
    private final EventRecorder events;
    private final ThreadPoolExecutor binders;
    private final Scheduler scheduler;
    private ScheduledExecutorService timers;
    private Thread loop;
    private boolean stopped;

    public SchedulerServer(ApiClient client, Options options) {
        Clock clock = options.clock();
        this.informers = new SharedInformerFactory(client::listerWatcher, InformerOptions.defaults());
        this.pods = informers.informerFor(ResourceKinds.PODS);
        SharedInformer<Node> nodes = informers.informerFor(ResourceKinds.NODES);
        this.queue = new SchedulingQueue(clock);
        this.cache = new SchedulerCache(clock, options.assumedPodTtl());
        ResourceClient<Pod> podClient = client.resources(ResourceKinds.PODS);
        SharedInformer<io.tugboat.api.core.PersistentVolumeClaim> claims =
                informers.informerFor(ResourceKinds.PERSISTENT_VOLUME_CLAIMS);
        SharedInformer<io.tugboat.api.core.PersistentVolume> volumes = informers.informerFor(ResourceKinds.PERSISTENT_VOLUMES);
        SharedInformer<io.tugboat.api.storage.StorageClass> classes = informers.informerFor(ResourceKinds.STORAGE_CLASSES);
        Handle.VolumeLister volumeLister = new Handle.VolumeLister() {
            @Override
            public java.util.Optional<io.tugboat.api.core.PersistentVolumeClaim> claim(String namespace, String name) {
                return claims.lister().get(namespace, name);
            }

            @Override
            public java.util.Optional<io.tugboat.api.core.PersistentVolume> volume(String name) {
                return volumes.lister().get(name);
            }

            @Override
            public java.util.List<io.tugboat.api.core.PersistentVolume> volumes() {
                return volumes.lister().list(io.tugboat.api.labels.Selector.everything());
            }

            @Override
            public java.util.Optional<io.tugboat.api.storage.StorageClass> storageClass(String name) {
                return classes.lister().get(name);
            }

            @Override
            public java.util.Optional<Node> node(String name) {
                return nodes.lister().get(name);
            }
        };
        this.framework = options.profile().build(new Handle((ns, pod, node) -> podClient.inNamespace(ns).bind(pod, node),
                volumeLister, new ApiVolumeWriter(client)));
        this.events = EventRecorder.builder(client, options.profile().schedulerName()).clock(clock).queueCapacity(10_000).build();
        AtomicInteger threadIds = new AtomicInteger();
        // Bounded: when bindings fall behind, the scheduling thread runs one itself (back-pressure, not memory).
        this.binders = new ThreadPoolExecutor(options.bindThreads(), options.bindThreads(), 60, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(1000), r -> daemon(r, "scheduler-binder-" + threadIds.incrementAndGet()),
                new ThreadPoolExecutor.CallerRunsPolicy());
        this.scheduler = new Scheduler(queue, cache, framework, new Algorithm(framework, new Random()),
                p -> pods.lister().get(p.namespace(), p.pod().metadata().name()),
                (pod, reason, message) -> writeCondition(podClient, pod, reason, message, clock),
                events, binders);
        String name = options.profile().schedulerName();
        pods.addEventHandler(EventHandlers.pods(queue, cache, name));
        nodes.addEventHandler(EventHandlers.nodes(queue, cache));
        log.info("profile {}: {}", name, framework.describe());
    }

    /** Starts the informers and waits for their first lists. */
    public boolean startInformers(Duration timeout) throws InterruptedException {
        informers.start();
        return informers.waitForCacheSync(timeout);
    }

    /** Starts the scheduling loop and the periodic flushes (on becoming leader). */
    public synchronized void startScheduling() {
        if (loop != null || stopped) {
            return;
        }
        timers = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "scheduler-timers"));
        timers.scheduleWithFixedDelay(this::everySecond, 1, 1, TimeUnit.SECONDS);
        timers.scheduleWithFixedDelay(queue::flushUnschedulableLeftover, 30, 30, TimeUnit.SECONDS);
        loop = daemon(scheduler, "scheduler-loop");
        loop.start();
        log.info("scheduling started");
    }

    /** Stops the loop (the queue is closed for good: a replica that lost leadership does not lead again). */
    public synchronized void stopScheduling() {
        stopped = true;
        if (loop == null) {
            return;
        }
        queue.close();
        loop.interrupt();
        try {
            loop.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        timers.shutdownNow();
        loop = null;
        log.info("scheduling stopped after {} bindings", scheduler.scheduledCount());
    }

    public Scheduler scheduler() {
        return scheduler;
    }

    public SchedulerCache cache() {
        return cache;
    }

    public SchedulingQueue queue() {
        return queue;
    }

    @Override
    public void close() {
        stopScheduling();
        queue.close();
        binders.shutdown();
        try {
            binders.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        informers.stop();
        events.stop();
    }

    private void everySecond() {
        queue.flushBackoffCompleted();
        for (var expired : cache.cleanupExpired()) {
            log.warn("assumed pod {} was never confirmed bound; forgetting it", expired.key());
        }
    }

    private static void writeCondition(ResourceClient<Pod> pods, Pod pod, String reason, String message, Clock clock)
            throws io.tugboat.client.ApiException {
        Map<String, Object> condition = new LinkedHashMap<>();
        condition.put("type", "PodScheduled");
        condition.put("status", "False");
        condition.put("lastProbeTime", null);
        condition.put("lastTransitionTime", clock.instant().truncatedTo(ChronoUnit.SECONDS).toString());
        condition.put("reason", reason);
        condition.put("message", message);
        String patch = Codec.toJsonString(Map.of("status", Map.of("conditions", List.of(condition))));
        pods.inNamespace(pod.metadata().namespace()).patchStatus(pod.metadata().name(), ResourceClient.PatchType.STRATEGIC, patch);
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}
