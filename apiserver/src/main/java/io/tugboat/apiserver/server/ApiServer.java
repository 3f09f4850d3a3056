package io.tugboat.apiserver.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.tugboat.api.ResourceKind;
import io.tugboat.api.ResourceKinds;
import io.tugboat.api.core.Namespace;
import io.tugboat.api.core.NamespaceSpec;
import io.tugboat.api.core.NamespaceStatus;
import io.tugboat.api.meta.KubernetesObject;
import io.tugboat.api.meta.ObjectMeta;
import io.tugboat.apiserver.registry.DefaultStorageClass;
import io.tugboat.apiserver.registry.DefaultTolerationSeconds;
import io.tugboat.api.storage.StorageClass;
import io.tugboat.apiserver.registry.GenericStrategy;
import io.tugboat.apiserver.registry.Registry;
import io.tugboat.apiserver.registry.ServiceAllocator;
import io.tugboat.apiserver.rest.ApiError;
import io.tugboat.apiserver.rest.LogProxy;
import io.tugboat.apiserver.rest.OpenApiDocuments;
import io.tugboat.apiserver.rest.ResourceHandler;
import io.tugboat.apiserver.rest.Responses;
import io.tugboat.apiserver.rest.Router;
import io.tugboat.apiserver.rest.WatchStreamer;
import io.tugboat.apiserver.rest.openapi.OpenApiV3;
import io.tugboat.apiserver.rest.table.TablePrinter;
import io.tugboat.apiserver.storage.EtcdStorage;
import io.tugboat.apiserver.storage.Storage;
import io.tugboat.apiserver.storage.StorageException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The API server process: etcd storage, one {@link Registry} (with its watch cache) per kind, the REST
 * router, and the Netty HTTP server in front. {@link #start()} returns once the server accepts requests;
 * {@link #close()} stops it. Everything is wired here explicitly, in the order it depends on.
 */
public final class ApiServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ApiServer.class);
    /** Namespaces every cluster has from the start. */
    static final int WORKER_THREADS = 16;
    static final List<String> SYSTEM_NAMESPACES = List.of("default", "kube-system", "kube-public", "kube-node-lease");

    /** Settings, with Kubernetes' defaults where Kubernetes has one. */
    public record Config(List<String> etcdServers, String etcdPrefix, String bindAddress, int port,
                         Duration requestTimeout, int maxMutatingInFlight, int maxReadOnlyInFlight,
                         Duration bookmarkInterval, Duration minWatchTimeout, int watchCacheCapacity, Clock clock,
                         String serviceClusterIpRange, int firstNodePort, int lastNodePort) {

        public static Config defaults(List<String> etcdServers) {
            return new Config(etcdServers, "/registry", "127.0.0.1", 6443, Duration.ofSeconds(10), 200, 400,
                    Duration.ofSeconds(60), Duration.ofMinutes(30), 1024, Clock.systemUTC(), "10.96.0.0/12", 30000, 32767);
        }

        public Config withPort(int port) {
            return new Config(etcdServers, etcdPrefix, bindAddress, port, requestTimeout, maxMutatingInFlight,
                    maxReadOnlyInFlight, bookmarkInterval, minWatchTimeout, watchCacheCapacity, clock, serviceClusterIpRange, firstNodePort, lastNodePort);
        }

        public Config withEtcdPrefix(String prefix) {
            return new Config(etcdServers, prefix, bindAddress, port, requestTimeout, maxMutatingInFlight,
                    maxReadOnlyInFlight, bookmarkInterval, minWatchTimeout, watchCacheCapacity, clock, serviceClusterIpRange, firstNodePort, lastNodePort);
        }

        public Config withBindAddress(String address) {
            return new Config(etcdServers, etcdPrefix, address, port, requestTimeout, maxMutatingInFlight,
                    maxReadOnlyInFlight, bookmarkInterval, minWatchTimeout, watchCacheCapacity, clock, serviceClusterIpRange, firstNodePort, lastNodePort);
        }

        public Config withBookmarkInterval(Duration interval) {
            return new Config(etcdServers, etcdPrefix, bindAddress, port, requestTimeout, maxMutatingInFlight,
                    maxReadOnlyInFlight, interval, minWatchTimeout, watchCacheCapacity, clock, serviceClusterIpRange, firstNodePort,
                    lastNodePort);
        }

        public Config withInFlightLimits(int mutating, int readOnly) {
            return new Config(etcdServers, etcdPrefix, bindAddress, port, requestTimeout, mutating, readOnly,
                    bookmarkInterval, minWatchTimeout, watchCacheCapacity, clock, serviceClusterIpRange, firstNodePort,
                    lastNodePort);
        }

        public Config withServiceRanges(String clusterIpRange, int firstPort, int lastPort) {
            return new Config(etcdServers, etcdPrefix, bindAddress, port, requestTimeout, maxMutatingInFlight,
                    maxReadOnlyInFlight, bookmarkInterval, minWatchTimeout, watchCacheCapacity, clock, clusterIpRange,
                    firstPort, lastPort);
        }

        public Config withRequestTimeout(Duration timeout) {
            return new Config(etcdServers, etcdPrefix, bindAddress, port, timeout, maxMutatingInFlight,
                    maxReadOnlyInFlight, bookmarkInterval, minWatchTimeout, watchCacheCapacity, clock, serviceClusterIpRange,
                    firstNodePort, lastNodePort);
        }

        public Config withWatchCacheCapacity(int capacity) {
            return new Config(etcdServers, etcdPrefix, bindAddress, port, requestTimeout, maxMutatingInFlight,
                    maxReadOnlyInFlight, bookmarkInterval, minWatchTimeout, capacity, clock, serviceClusterIpRange, firstNodePort,
                    lastNodePort);
        }
    }

    private final Config config;
    private Storage storage;
    private final Map<ResourceKind<?>, Registry> registries = new LinkedHashMap<>();
    private EventLoopGroup boss;
    private EventLoopGroup workerLoops;
    private ExecutorService workers;
    private ScheduledExecutorService scheduler;
    private Channel channel;
    private final ChannelGroup connections = new DefaultChannelGroup("apiserver-connections", GlobalEventExecutor.INSTANCE);
    private DefaultTolerationSeconds defaultTolerations = DefaultTolerationSeconds.defaults();

    public ApiServer(Config config) {
        this.config = config;
    }

    /**
     * The tolerationSeconds new pods get for the not-ready and unreachable NoExecute taints (300 s each by
     * default; {@code --default-not-ready-toleration-seconds}, {@code --default-unreachable-toleration-seconds}).
     * Call before {@link #start()}.
     */
    public ApiServer withDefaultTolerationSeconds(long notReadySeconds, long unreachableSeconds) {
        this.defaultTolerations = new DefaultTolerationSeconds(notReadySeconds, unreachableSeconds);
        return this;
    }

    /** Connects to etcd, fills the watch caches, creates the system namespaces and starts listening. */
    public ApiServer start() throws InterruptedException {
        storage = new EtcdStorage(config.etcdServers(), config.requestTimeout());
        // DefaultStorageClass admission reads the classes from the StorageClass registry's watch cache.
        DefaultStorageClass defaultStorageClass = new DefaultStorageClass(() -> registries.get(ResourceKinds.STORAGE_CLASSES)
                .cache().snapshot().items().stream().map(StorageClass.class::cast).toList());
        for (ResourceKind<?> kind : ResourceKinds.all()) {
            registries.put(kind, new Registry(kind, storage, config.etcdPrefix(),
                    new GenericStrategy(kind, defaultTolerations, defaultStorageClass),
                    config.clock(), config.watchCacheCapacity()));
        }
        Registry namespaces = registries.get(ResourceKinds.NAMESPACES);
        registries.values().forEach(r -> r.setNamespaceGuard(this::checkNamespace));
        startCaches();
        ensureSystemNamespaces(namespaces);
        ServiceAllocator allocator = new ServiceAllocator(storage, config.etcdPrefix(), config.serviceClusterIpRange(),
                config.firstNodePort(), config.lastNodePort());
        Registry services = registries.get(ResourceKinds.SERVICES);
        allocator.repair(services.cache().snapshot().items());
        services.setHooks(new Registry.Hooks() {
            @Override
            public KubernetesObject beforeCreate(KubernetesObject object) {
                return allocator.allocate(object);
            }

            @Override
            public void createFailed(KubernetesObject object) {
                allocator.release(object);
            }

            @Override
            public KubernetesObject beforeUpdate(KubernetesObject updated, KubernetesObject old) {
                return allocator.reconcileUpdate(updated, old);
            }

            @Override
            public void updateCommitted(KubernetesObject written, KubernetesObject old) {
                allocator.commitUpdate(written, old);
            }

            @Override
            public void updateAbandoned(KubernetesObject attempted, KubernetesObject old) {
                allocator.abandonUpdate(attempted, old);
            }

            @Override
            public void afterDelete(KubernetesObject deleted) {
                allocator.release(deleted);
            }
        });

        // Requests block on etcd, so they run off the event loop; a few dozen threads keep two cores busy,
        // and requests admitted by the in-flight limits beyond that wait their turn in the pool's queue.
        workers = Executors.newFixedThreadPool(WORKER_THREADS, daemonThreads("apiserver-worker"));
        scheduler = Executors.newScheduledThreadPool(1, daemonThreads("apiserver-timer"));
        Responses responses = new Responses(config.clock(), new TablePrinter()::print);
        WatchStreamer watches = new WatchStreamer(responses, scheduler, config.bookmarkInterval(), config.minWatchTimeout());
        LogProxy logs = new LogProxy(Executors.newCachedThreadPool(daemonThreads("apiserver-log")));
        ResourceHandler handler = new ResourceHandler(registries, responses, watches, logs, config.clock());
        Router router = new Router(handler, this::storageReady, config.bindAddress() + ":" + config.port(), openApi());

        boss = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        workerLoops = new MultiThreadIoEventLoopGroup(NioIoHandler.newFactory());
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(boss, workerLoops)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ApiServerInitializer(router, workers,
                        new Semaphore(config.maxMutatingInFlight()), new Semaphore(config.maxReadOnlyInFlight()), connections));
        channel = bootstrap.bind(new InetSocketAddress(config.bindAddress(), config.port())).sync().channel();
        log.info("API server listening on {}:{} (etcd {}, prefix {})", config.bindAddress(), port(),
                config.etcdServers(), config.etcdPrefix());
        return this;
    }

    /** The port actually bound (useful with port 0 in tests). */
    public int port() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    public Map<ResourceKind<?>, Registry> registries() {
        return registries;
    }

    public Storage storage() {
        return storage;
    }

    /** Fills every watch cache, retrying while etcd is not reachable yet (for up to a minute). */
    private void startCaches() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        for (Registry registry : registries.values()) {
            while (true) {
                try {
                    registry.start();
                    break;
                } catch (StorageException e) {
                    if (System.nanoTime() > deadline) {
                        throw e;
                    }
                    log.warn("etcd not ready ({}); retrying", e.getMessage());
                    Thread.sleep(1000);
                }
            }
        }
    }

    private void ensureSystemNamespaces(Registry namespaces) {
        for (String name : SYSTEM_NAMESPACES) {
            ObjectMeta meta = new ObjectMeta(name, null, null, null, null, null, null, null, null, null, null, null,
                    null, null);
            KubernetesObject namespace = Namespace.of(meta, new NamespaceSpec(List.of("kubernetes")),
                    new NamespaceStatus("Active", null));
            try {
                namespaces.create(null, namespace, false);
            } catch (ApiError e) {
                if (e.code() != 409) {
                    throw e;
                }
            }
        }
    }

    /**
     * Namespace lifecycle admission: objects may only be created in a namespace that exists and is not
     * being deleted. The namespace is looked up in the watch cache, then in etcd (a namespace created a
     * moment ago may not have reached the cache yet).
     */
    private void checkNamespace(String namespace, ResourceKind<?> kind, String name) {
        Registry namespaces = registries.get(ResourceKinds.NAMESPACES);
        KubernetesObject found = namespaces.cache().get(namespaces.key(null, namespace)).orElse(null);
        if (found == null) {
            try {
                found = namespaces.get(null, namespace);
            } catch (ApiError e) {
                if (e.code() == 404) {
                    throw ApiError.notFound(ResourceKinds.NAMESPACES, namespace);
                }
                throw e;
            }
        }
        Namespace ns = (Namespace) found;
        boolean terminating = ns.metadata().deletionTimestamp() != null
                || (ns.status() != null && "Terminating".equals(ns.status().phase()));
        if (terminating) {
            throw ApiError.forbidden(kind, name, "unable to create new content in namespace " + namespace
                    + " because it is being terminated");
        }
    }

    /** The OpenAPI v3 documents generated from the object model. */
    private static OpenApiDocuments openApi() {
        OpenApiV3 documents = OpenApiV3.builtIn();
        return new OpenApiDocuments() {
            @Override
            public JsonNode index() {
                return documents.index();
            }

            @Override
            public Optional<JsonNode> document(String groupVersionPath) {
                return documents.document(groupVersionPath);
            }
        };
    }

    private boolean storageReady() {
        try {
            storage.currentRevision();
            return true;
        } catch (StorageException e) {
            return false;
        }
    }

    private static java.util.concurrent.ThreadFactory daemonThreads(String prefix) {
        AtomicInteger counter = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    @Override
    public void close() {
        if (channel != null) {
            channel.close().syncUninterruptibly();
        }
        registries.values().forEach(Registry::stop);
        connections.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        if (boss != null) {
            boss.shutdownGracefully(0, 2, TimeUnit.SECONDS);
            workerLoops.shutdownGracefully(0, 2, TimeUnit.SECONDS);
        }
        if (workers != null) {
            workers.shutdownNow();
            scheduler.shutdownNow();
        }
        if (storage != null) {
            storage.close();
        }
    }
}
