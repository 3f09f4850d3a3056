package io.tugboat.kubelet.proxy;

import io.tugboat.api.ResourceKinds;
import io.tugboat.api.core.Endpoints;
import io.tugboat.api.core.Service;
import io.tugboat.api.labels.Selector;
import io.tugboat.client.ApiClient;
import io.tugboat.client.informer.InformerOptions;
import io.tugboat.client.informer.ResourceEventHandler;
import io.tugboat.client.informer.SharedInformer;
import io.tugboat.client.informer.SharedInformerFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The service proxy of one node agent: kube-proxy's iptables mode, cut down. It watches every Service and every
 * core/v1 Endpoints object, turns them into rules with {@link ProxyRules#generate} and writes them with
 * {@link IptablesApplier} — only when the text changed, and at most once per {@code minSyncInterval}, so a burst
 * of endpoint updates (a Deployment scaling from 0 to 30) costs one {@code iptables-restore}, not thirty.
 *
 * <pre>
 *   Services informer  ─┐                       ┌─ not the lock holder: stand by (try the lock every tick)
 *   Endpoints informer ─┴─▶ requestSync() ─▶ sync ─ generate ─ same text as last time? ─ yes: nothing
 *   tick (every second) ─▶ take the lock / retry a failed apply / check the jumps are still there
 *                                                              └─ no: IptablesApplier.apply(text)
 * </pre>
 *
 * <p>Only the holder of {@link ProxyLock} writes (see there for why several proxies share one host).
 * {@link #close()} removes the rules it wrote; {@link #cleanup(Config)} does the same for a proxy that is gone
 * ({@code tug down} after a kubelet was killed).
 *
 * <p>It reads Endpoints, not EndpointSlices: both carry the same ready addresses, and Endpoints is the simpler shape.
 */
public final class ServiceProxy implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ServiceProxy.class);

    /**
     * @param rules           what the rules are made from besides the API objects
     * @param lockDir         where the per-namespace lock file lives ({@code /run/tugboat})
     * @param minSyncInterval the shortest time between two applies (kube-proxy's {@code --iptables-min-sync-period})
     * @param tick            how often a standby tries the lock and a holder retries a failed apply
     * @param jumpCheck       how often the holder checks that its jump rules are still first in the built-in chains
     */
    public record Config(ProxyRules.Options rules, Path lockDir, Duration minSyncInterval, Duration tick, Duration jumpCheck) {
        public static Config defaults() {
            return new Config(ProxyRules.Options.defaults(), Path.of("/run/tugboat"), Duration.ofSeconds(1),
                    Duration.ofSeconds(1), Duration.ofSeconds(5));
        }

        public Config withRules(ProxyRules.Options rules) {
            return new Config(rules, lockDir, minSyncInterval, tick, jumpCheck);
        }

        public Config withLockDir(Path lockDir) {
            return new Config(rules, lockDir, minSyncInterval, tick, jumpCheck);
        }

        Path lockFile() {
            return lockDir.resolve("proxy-" + rules.prefix() + ".lock");
        }
    }

    private final ApiClient client;
    private final Config config;
    private final IptablesApplier applier;
    private final ScheduledThreadPoolExecutor loop;
    private final AtomicBoolean syncPending = new AtomicBoolean();
    private final java.util.concurrent.atomic.AtomicLong generations = new java.util.concurrent.atomic.AtomicLong();
    private SharedInformerFactory informers;
    private SharedInformer<Service> services;
    private SharedInformer<Endpoints> endpoints;
    // The fields below are touched only by the loop thread (and by close() once the loop has stopped).
    private volatile ProxyLock lock;
    private volatile String lastApplied;
    private volatile long lastSyncNanos;
    private long lastJumpCheckNanos;
    private String lastError;

    public ServiceProxy(ApiClient client, Config config) {
        this(client, config, new Iptables());
    }

    /**
     * A proxy whose commands go through {@code iptables}: one with a command prefix writes another network
     * namespace's rules (a test's simulated host). {@code localhostNodePorts} must then be off in the rules'
     * Options, since {@code route_localnet} is written through this process's {@code /proc}, not that namespace's.
     */
    public ServiceProxy(ApiClient client, Config config, Iptables iptables) {
        this.client = client;
        this.config = config;
        this.applier = new IptablesApplier(iptables, config.rules(), config.lockDir());
        this.loop = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = Executors.defaultThreadFactory().newThread(r);
            t.setName("service-proxy");
            t.setDaemon(true);
            return t;
        });
        loop.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        loop.setContinueExistingPeriodicTasksAfterShutdownPolicy(false);
        // nanoTime has an arbitrary origin: "the last sync" starts one interval ago, so the first one waits for nothing.
        this.lastSyncNanos = System.nanoTime() - config.minSyncInterval().toNanos();
    }

    /** Starts the informers and the loop; returns at once (the first rules follow once the caches have synced). */
    public ServiceProxy start() {
        informers = new SharedInformerFactory(client::listerWatcher, InformerOptions.defaults());
        services = informers.informerFor(ResourceKinds.SERVICES);
        endpoints = informers.informerFor(ResourceKinds.ENDPOINTS);
        services.addEventHandler(ResourceEventHandler.forKeys(key -> requestSync()));
        endpoints.addEventHandler(ResourceEventHandler.forKeys(key -> requestSync()));
        informers.start();
        long tick = config.tick().toMillis();
        loop.scheduleWithFixedDelay(this::tick, 0, tick, TimeUnit.MILLISECONDS);
        return this;
    }

    /** Whether this proxy holds the lock, i.e. is the one writing this namespace's rules. */
    public boolean isWriter() {
        return lock != null;
    }

    /** The rules text last written to the kernel, or {@code null} when none is (standby, or the apply failed). */
    public String lastApplied() {
        return lastApplied;
    }

    /** How many times the rules were generated (whether or not they were then written): for tests. */
    long generations() {
        return generations.get();
    }

    /**
     * Asks for a sync. Calls coalesce: while one is pending, more change nothing; it runs no earlier than
     * {@code minSyncInterval} after the previous one, and then reads the latest state of both caches.
     */
    void requestSync() {
        if (!syncPending.compareAndSet(false, true)) {
            return;
        }
        try {
            long wait = lastSyncNanos + config.minSyncInterval().toNanos() - System.nanoTime();
            loop.schedule(this::sync, Math.max(0, wait), TimeUnit.NANOSECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // closing
        }
    }

    private void sync() {
        syncPending.set(false);
        if (lock == null || !services.hasSynced() || !endpoints.hasSynced()) {
            return; // the tick asks again once the caches have synced
        }
        String rules;
        try {
            rules = ProxyRules.generate(config.rules(), services.lister().list(Selector.everything()),
                    endpoints.lister().list(Selector.everything()));
        } catch (RuntimeException e) {
            log.error("generating the service proxy rules failed; the rules in place stay", e);
            return;
        }
        generations.incrementAndGet();
        if (rules.equals(lastApplied)) {
            return;
        }
        lastSyncNanos = System.nanoTime();
        try {
            applier.apply(rules);
            lastApplied = rules;
            lastError = null;
            log.debug("applied {} lines of proxy rules", rules.lines().count());
        } catch (IOException e) {
            lastApplied = null;
            // One line per distinct failure: a host without iptables would otherwise log every second.
            if (!java.util.Objects.equals(e.getMessage(), lastError)) {
                log.warn("writing the service proxy rules failed (retrying every {}): {}", config.tick(), e.toString());
                lastError = e.getMessage();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void tick() {
        try {
            if (lock == null) {
                Optional<ProxyLock> acquired = ProxyLock.tryAcquire(config.lockFile());
                if (acquired.isEmpty()) {
                    return;
                }
                lock = acquired.get();
                lastJumpCheckNanos = System.nanoTime();
                log.info("this service proxy writes the rules of this network namespace ({} held)", config.lockFile());
            }
            if (lastApplied == null) {
                requestSync();
            } else if (System.nanoTime() - lastJumpCheckNanos > config.jumpCheck().toNanos()) {
                lastJumpCheckNanos = System.nanoTime();
                if (!applier.jumpsInPlace()) {
                    log.info("the service proxy's jump rules are gone or no longer first (Docker added a network?); "
                            + "moving them back to the top");
                    try {
                        applier.ensureJumps();
                    } catch (IOException e) {
                        // Our chains themselves are gone (a jump to a missing chain is refused): write everything.
                        log.warn("restoring the jump rules failed, rewriting all rules: {}", e.getMessage());
                        lastApplied = null;
                        requestSync();
                    }
                }
            }
        } catch (IOException e) {
            if (!java.util.Objects.equals(e.getMessage(), lastError)) {
                log.warn("service proxy: {}", e.toString());
                lastError = e.getMessage();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            // A periodic task that throws is never run again: the proxy would silently stop taking over or retrying.
            log.error("service proxy tick failed", e);
        }
    }

    /** Stops watching; if this proxy was the writer, removes its rules and lets a standby take over. */
    @Override
    public void close() {
        if (informers != null) {
            informers.stop();
        }
        loop.shutdown();
        try {
            if (!loop.awaitTermination(90, TimeUnit.SECONDS)) {
                log.warn("the service proxy's loop did not stop; removing its rules anyway");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        ProxyLock held = lock;
        if (held != null) {
            try {
                applier.cleanup();
                log.info("removed the service proxy rules");
            } catch (IOException e) {
                log.warn("removing the service proxy rules failed: {}", e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                lastApplied = null;
                lock = null;
                held.close();
            }
        }
    }

    /**
     * Removes the rules of a proxy that is no longer running (kube-proxy's {@code --cleanup}): does nothing and
     * returns {@code false} when a live proxy holds the lock, since its rules are in use.
     */
    public static boolean cleanup(Config config) throws IOException, InterruptedException {
        Optional<ProxyLock> acquired = ProxyLock.tryAcquire(config.lockFile());
        if (acquired.isEmpty()) {
            return false;
        }
        try (ProxyLock ignored = acquired.get()) {
            new IptablesApplier(new Iptables(), config.rules(), config.lockDir()).cleanup();
            return true;
        }
    }
}
