package io.tugboat.kubelet.dns;

import io.tugboat.api.ResourceKinds;
import io.tugboat.api.core.Endpoints;
import io.tugboat.api.core.Service;
import io.tugboat.api.meta.KubernetesObject;
import io.tugboat.client.informer.Deleted;
import io.tugboat.client.informer.InformerOptions;
import io.tugboat.client.informer.InformerScope;
import io.tugboat.client.informer.ListerWatcherSource;
import io.tugboat.client.informer.ResourceEventHandler;
import io.tugboat.client.informer.SharedInformer;
import io.tugboat.client.informer.SharedInformerFactory;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's part in cluster DNS, as the kubelet wires it: informers over Services and Endpoints in all namespaces,
 * the server on the pod bridge's gateway address, and the nameservers ClusterFirst pods are given.
 *
 * <pre>
 *   ClusterDns.start(...)      informers running, no server yet
 *   serveOn(gateway, 53)       server bound there (again on a new address if the bridge changes)
 *   close()                    server and informers stopped
 * </pre>
 *
 * The address comes separately because the pod bridge may appear after the kubelet starts (it waits for the Node's
 * podCIDR); pods wait for it too, so by the time one needs a resolv.conf the address is known.
 *
 * <p>A server that cannot bind (the address is taken — say, by a second kubelet on this host configured with the
 * same bridge — or is not this host's) is logged as an error and the kubelet goes on without it: pods are still
 * pointed at the address, where another node agent of the cluster may well be answering.
 */
public final class ClusterDns implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ClusterDns.class);
    /** As CoreDNS: serve after the caches synced, or after this long anyway. */
    private static final Duration SYNC_WAIT = Duration.ofSeconds(5);

    private final NodeDnsConfig config;
    private final SharedInformerFactory informers;
    private final ClusterDnsResolver resolver;
    private volatile InetAddress listen;
    private ClusterDnsServer server;

    private ClusterDns(NodeDnsConfig config, SharedInformerFactory informers, ClusterDnsResolver resolver) {
        this.config = config;
        this.informers = informers;
        this.resolver = resolver;
    }

    /** Starts watching Services and Endpoints if the config says to serve; waits up to 5 s for their caches. */
    public static ClusterDns start(ListerWatcherSource source, NodeDnsConfig config) throws InterruptedException {
        if (!config.serve()) {
            return new ClusterDns(config, null, null);
        }
        SharedInformerFactory informers = new SharedInformerFactory(source, InformerOptions.defaults());
        SharedInformer<Service> services = informers.informerFor(ResourceKinds.SERVICES, InformerScope.all());
        SharedInformer<Endpoints> endpoints = informers.informerFor(ResourceKinds.ENDPOINTS, InformerScope.all());
        InformerServiceDirectory directory = new InformerServiceDirectory(services.lister(), endpoints.lister(), Clock.systemUTC());
        services.addEventHandler(touching(directory));
        endpoints.addEventHandler(touching(directory));
        informers.start();
        if (!informers.waitForCacheSync(SYNC_WAIT)) {
            log.warn("cluster DNS: Services and Endpoints not synced after {}; serving what is known", SYNC_WAIT);
        }
        return new ClusterDns(config, informers, new ClusterDnsResolver(config.clusterDomain(), directory));
    }

    /** {@link #serveOn(InetAddress, int)} with an address literal, such as the pod bridge's gateway {@code 10.244.1.1}. */
    public void serveOn(String address, int port) {
        try {
            serveOn(InetAddress.getByName(address), port);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException("not an IP address: " + address, e);
        }
    }

    /**
     * Serves on {@code address}:{@code port} (53; tests: 0), replacing a server on another address. Does nothing
     * if serving is off or already happens there.
     */
    public synchronized void serveOn(InetAddress address, int port) {
        if (!config.serve() || address.equals(listen)) {
            return;
        }
        if (server != null) {
            server.close();
            server = null;
        }
        listen = address;
        UpstreamForwarder upstream = UpstreamForwarder.fromResolvConf(config.resolvConf(), address);
        ClusterDnsServer candidate = new ClusterDnsServer(address, port, resolver, upstream);
        try {
            server = candidate.start();
            log.info("cluster DNS for {} on {} (UDP and TCP); other names go to {}", config.clusterDomain(), server.address(),
                    upstream.upstreams());
        } catch (BindException e) {
            log.error("cluster DNS is NOT served by this node: {}. Two kubelets on one host need different pod bridges "
                    + "(or --serve-cluster-dns=false on one); pods here still use {}", e.getMessage(), nameservers());
        } catch (IOException e) {
            log.error("cluster DNS is NOT served by this node: {}", e.toString());
        }
    }

    private static <T extends KubernetesObject> ResourceEventHandler<T> touching(InformerServiceDirectory d) {
        return new ResourceEventHandler<>() {
            @Override
            public void onAdd(T object) {
                d.touch();
            }

            @Override
            public void onUpdate(T oldObject, T newObject) {
                d.touch();
            }

            @Override
            public void onDelete(Deleted<T> deleted) {
                d.touch();
            }
        };
    }

    /**
     * The nameservers ClusterFirst pods get: {@code --cluster-dns} if given, else this node's address once
     * {@link #serveOn} named it; empty (pods fall back to Default) when there is neither.
     */
    public List<String> nameservers() {
        if (!config.clusterDns().isEmpty()) {
            return config.clusterDns();
        }
        InetAddress current = listen;
        return current == null ? List.of() : List.of(current.getHostAddress());
    }

    /** Where the server listens, if it does. */
    public synchronized Optional<InetSocketAddress> address() {
        return Optional.ofNullable(server).map(ClusterDnsServer::address);
    }

    /** Pods' resolv.conf files, written into their directories ({@code podDir}: pod uid → directory). */
    public PodResolvConfWriter podFiles(Function<String, Path> podDir) {
        return new PodResolvConfWriter(new PodDns(config.clusterDomain(), this::nameservers), config.resolvConf(), podDir);
    }

    @Override
    public synchronized void close() {
        if (server != null) {
            server.close();
            server = null;
        }
        if (informers != null) {
            informers.stop();
        }
    }
}
