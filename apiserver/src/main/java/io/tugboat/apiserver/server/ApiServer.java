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
import io.netty.handler.ssl.SslContext;
import io.tugboat.apiserver.auth.AccessReviews;
import io.tugboat.apiserver.auth.AuthorizationModes;
import io.tugboat.apiserver.auth.Authorizer;
import io.tugboat.apiserver.auth.RequestAuthenticator;
import io.tugboat.apiserver.auth.RequestAuthorizer;
import io.tugboat.apiserver.auth.TokenFile;
import io.tugboat.apiserver.auth.WriteAdmission;
import io.tugboat.apiserver.auth.X509Authenticator;
import io.tugboat.apiserver.auth.node.NodeRestriction;
import io.tugboat.apiserver.auth.rbac.Escalation;
import io.tugboat.apiserver.auth.rbac.PolicyReconciler;
import io.tugboat.apiserver.auth.rbac.RbacAuthorizer;
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
import io.tugboat.apiserver.tls.ClientTls;
import io.tugboat.apiserver.tls.ServingTls;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HexFormat;
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
 *
 * <p>Secure by default, as kube-apiserver: HTTPS on {@code bindAddress:port} (a self-signed certificate unless
 * {@link #withServingCertificate} names one), every request authenticated ({@link #withClientCa},
 * {@link #withTokenAuthFile}) and authorized ({@link #withAuthorizationModes}, {@link #withAuthorizer}; AlwaysAllow
 * when none is given). Plain HTTP exists only when asked for, on loopback, for tests and local debugging:
 * {@link #withInsecurePort} beside HTTPS, or {@link #withPlainHttpOnly()} instead of it.
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
    /** The authorizer chain every request is checked against, built at start. */
    private Authorizer chain;
    // Security settings (builder methods below); the defaults are kube-apiserver's.
    private Path tlsCertFile;
    private Path tlsKeyFile;
    private Path clientCaFile;
    private Path tokenAuthFile;
    private boolean secureServing = true;
    private String insecureBindAddress = "127.0.0.1";
    /** The plain-HTTP port beside HTTPS; negative: none. */
    private int insecurePort = -1;
    private final List<AuthorizationModes.Factory> authorizers = new ArrayList<>();
    private ServingTls servingTls;
    private Channel insecureChannel;
    private ClientTls etcdTls;
    private ClientTls kubeletTls;

    public ApiServer(Config config) {
        this.config = config;
    }

    /**
     * Serves HTTPS with this certificate (chain) and key, PEM files ({@code --tls-cert-file},
     * {@code --tls-private-key-file}); without them the server makes a self-signed certificate at start and logs it.
     */
    public ApiServer withServingCertificate(Path certFile, Path keyFile) {
        this.tlsCertFile = certFile;
        this.tlsKeyFile = keyFile;
        return this;
    }

    /**
     * Authenticates client certificates issued by the CAs of this PEM file ({@code --client-ca-file}): CN is the
     * user, each O a group. Certificates are requested, not required, so token users connect too.
     */
    public ApiServer withClientCa(Path caFile) {
        this.clientCaFile = caFile;
        return this;
    }

    /** Authenticates {@code Authorization: Bearer} tokens listed in this CSV file ({@code --token-auth-file}). */
    public ApiServer withTokenAuthFile(Path file) {
        this.tokenAuthFile = file;
        return this;
    }

    /**
     * Adds a plain-HTTP listener on {@code bindAddress:port} beside HTTPS ({@code --insecure-bind-address},
     * {@code --insecure-port}; port 0 picks a free one). Requests there are not authenticated: their user is
     * {@code system:unsecured}, a member of system:masters. {@link #start()} refuses any address but loopback.
     */
    public ApiServer withInsecurePort(String bindAddress, int port) {
        this.insecureBindAddress = bindAddress;
        this.insecurePort = port;
        return this;
    }

    /**
     * Serves plain HTTP only, on the configuration's bind address and port, which must be loopback: the mode of the
     * in-process test clusters ({@code --secure-port=0} with an insecure port, in kube-apiserver's terms).
     */
    public ApiServer withPlainHttpOnly() {
        this.secureServing = false;
        return this;
    }

    /**
     * Appends the named modes ({@code --authorization-mode=Node,RBAC}) to the authorizer chain.
     *
     * @throws IllegalArgumentException for a mode {@link AuthorizationModes#builtIn()} does not know
     */
    public ApiServer withAuthorizationModes(List<String> modes) {
        authorizers.addAll(AuthorizationModes.resolve(modes));
        return this;
    }

    /** Appends {@code authorizer} to the authorizer chain (tests inject recording or denying ones here). */
    public ApiServer withAuthorizer(Authorizer authorizer) {
        authorizers.add(context -> authorizer);
        return this;
    }

    /**
     * How to reach {@code https://} etcd endpoints ({@code --etcd-cafile}, {@code --etcd-certfile},
     * {@code --etcd-keyfile}).
     */
    public ApiServer withEtcdTls(ClientTls tls) {
        this.etcdTls = tls;
        return this;
    }

    /**
     * Calls kubelets (logs, exec, attach, portforward) over HTTPS, presenting this client certificate and checking
     * the kubelet's serving certificate ({@code --kubelet-client-certificate}, {@code --kubelet-client-key},
     * {@code --kubelet-certificate-authority}). Without it, kubelets are called over plain HTTP.
     */
    public ApiServer withKubeletClientTls(ClientTls tls) {
        this.kubeletTls = tls;
        return this;
    }

    /** Appends an authorizer built at start from the registries (an authorizer that reads cluster state). */
    public ApiServer withAuthorizerFactory(AuthorizationModes.Factory factory) {
        authorizers.add(factory);
        return this;
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
        if (!secureServing) {
            requireLoopback(config.bindAddress(), "with plain HTTP only, the bind address");
        }
        if (insecurePort >= 0) {
            requireLoopback(insecureBindAddress, "--insecure-bind-address");
        }
        SslContext tls = secureServing ? servingTls().nettyContext() : null;
        RequestAuthenticator authenticator = secureServing ? authenticator() : null;
        SslContext kubeletContext = kubeletTls == null ? null : kubeletTls.nettyContext();
        storage = new EtcdStorage(config.etcdServers(), config.requestTimeout(), etcdTls);
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
        LogProxy logs = new LogProxy(Executors.newCachedThreadPool(daemonThreads("apiserver-log")), kubeletTls);
        ResourceHandler handler = new ResourceHandler(registries, responses, watches, logs, config.clock());
        Router router = new Router(handler, this::storageReady, config.bindAddress() + ":" + config.port(), openApi());
        wireAuthorization(handler, router);
        RequestAuthorizer authorizer = new RequestAuthorizer(chain);

        boss = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        workerLoops = new MultiThreadIoEventLoopGroup(NioIoHandler.newFactory());
        Semaphore mutating = new Semaphore(config.maxMutatingInFlight());
        Semaphore readOnly = new Semaphore(config.maxReadOnlyInFlight());
        channel = bind(config.bindAddress(), config.port(),
                new ApiServerInitializer(router, workers, mutating, readOnly, connections, tls, authenticator, authorizer,
                        kubeletContext));
        log.info("API server listening on {}://{}:{} (etcd {}, prefix {})", secureServing ? "https" : "http",
                config.bindAddress(), port(), config.etcdServers(), config.etcdPrefix());
        if (insecurePort >= 0 && secureServing) {
            insecureChannel = bind(insecureBindAddress, insecurePort,
                    new ApiServerInitializer(router, workers, mutating, readOnly, connections, null, null, authorizer,
                            kubeletContext));
            log.warn("serving plain HTTP without authentication on {}:{} (--insecure-port)", insecureBindAddress,
                    insecurePort());
        }
        return this;
    }

    private Channel bind(String address, int port, ApiServerInitializer initializer) throws InterruptedException {
        return new ServerBootstrap()
                .group(boss, workerLoops)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(initializer)
                .bind(new InetSocketAddress(address, port)).sync().channel();
    }

    /**
     * RBAC's default roles, the authorizer chain of the configured modes, the admission steps that need the writer
     * (NodeRestriction, RBAC's escalation checks, which ask the chain about {@code escalate} and {@code bind}) and
     * the authorization.k8s.io reviews, answered by the same chain.
     */
    private void wireAuthorization(ResourceHandler handler, Router router) {
        new PolicyReconciler(registries).reconcile();
        chain = buildAuthorizer();
        RbacAuthorizer rbac = RbacAuthorizer.forRegistries(registries);
        handler.withAdmission(WriteAdmission.all(List.of(new NodeRestriction(), new Escalation(rbac, chain))));
        router.withAccessReviews(new AccessReviews(chain, (user, namespace) -> rbac.rulesFor(user, namespace).rules()));
    }

    /** The authorizer chain requests are checked against, once started. */
    public Authorizer authorizer() {
        return chain;
    }

    /** Plain HTTP carries no credentials worth the name: it may only be reachable from this machine. */
    private static void requireLoopback(String address, String what) {
        boolean loopback;
        try {
            loopback = InetAddress.getByName(address).isLoopbackAddress();
        } catch (UnknownHostException e) {
            loopback = false;
        }
        if (!loopback) {
            throw new IllegalArgumentException(what + " is " + address + ", but plain HTTP (no TLS, no authentication) "
                    + "is only served on a loopback address such as 127.0.0.1; use HTTPS to serve other addresses");
        }
    }

    /** The serving certificate: the files given, or a self-signed one made now (as kube-apiserver does). */
    private ServingTls servingTls() {
        try {
            List<X509Certificate> clientCas = clientCaFile == null ? List.of() : ServingTls.certificates(clientCaFile);
            if (tlsCertFile != null) {
                servingTls = ServingTls.fromFiles(tlsCertFile, tlsKeyFile, clientCaFile);
            } else {
                servingTls = ServingTls.selfSigned(config.bindAddress(), clientCas, config.clock());
                log.warn("no --tls-cert-file given: serving with a self-signed certificate (SHA-256 fingerprint {}), "
                        + "which clients cannot verify; give the API server a certificate from the cluster CA "
                        + "(tug certs) instead", fingerprint(servingTls.chain().get(0)));
            }
            return servingTls;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the serving certificate or client CA: " + e.getMessage(), e);
        }
    }

    private RequestAuthenticator authenticator() {
        try {
            X509Authenticator certificates = null;
            if (clientCaFile != null) {
                certificates = new X509Authenticator(ServingTls.certificates(clientCaFile), config.clock());
            }
            TokenFile tokens = null;
            if (tokenAuthFile != null) {
                tokens = TokenFile.read(tokenAuthFile);
                log.info("{} bearer token(s) read from {}", tokens.size(), tokenAuthFile);
            }
            if (certificates == null && tokens == null) {
                log.warn("neither --client-ca-file nor --token-auth-file is set: no request can authenticate, and "
                        + "every one but /healthz, /livez, /readyz and /version will be answered 401");
            }
            return new RequestAuthenticator(certificates, tokens);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the client CA or token file: " + e.getMessage(), e);
        }
    }

    /** The configured authorizers chained (system:masters first); AlwaysAllow when none was configured. */
    private Authorizer buildAuthorizer() {
        if (authorizers.isEmpty()) {
            return Authorizer.chain(Authorizer.ALWAYS_ALLOW);
        }
        AuthorizationModes.Context context = new AuthorizationModes.Context(registries);
        return Authorizer.chain(authorizers.stream().map(f -> f.create(context)).toArray(Authorizer[]::new));
    }

    private static String fingerprint(X509Certificate certificate) {
        try {
            return HexFormat.ofDelimiter(":").withUpperCase().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            return "unknown";
        }
    }

    /** The certificate chain the HTTPS port presents (serving certificate first); empty with plain HTTP only. */
    public List<X509Certificate> servingCertificates() {
        return servingTls == null ? List.of() : servingTls.chain();
    }

    /** Whether {@link #port()} serves HTTPS. */
    public boolean isSecure() {
        return secureServing;
    }

    /** The port of the plain-HTTP listener beside HTTPS ({@link #withInsecurePort}), or -1 when there is none. */
    public int insecurePort() {
        return insecureChannel == null ? -1 : ((InetSocketAddress) insecureChannel.localAddress()).getPort();
    }

    /** The port of the main listener (HTTPS, or plain HTTP with {@link #withPlainHttpOnly()}), as bound (port 0 in tests). */
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
        if (insecureChannel != null) {
            insecureChannel.close().syncUninterruptibly();
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
