package io.tugboat.kubelet.dns;

import io.tugboat.api.ResourceKinds;
import io.tugboat.api.core.Endpoints;
import io.tugboat.api.core.Service;
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
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's part in cluster DNS, as the kubelet wires it: informers over Services and Endpoints in all namespaces,
 * the server on the pod bridge's gateway address, and the nameservers ClusterFirst pods are given. Started by
 * {@link #start}, stopped by {@link #close()}.
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
    private final List<String> nameservers;
    private final SharedInformerFactory informers;
    private final ClusterDnsServer server;

    private ClusterDns(NodeDnsConfig config, List<String> nameservers, SharedInformerFactory informers, ClusterDnsServer server) {
        this.config = config;
        this.nameservers = nameservers;
        this.informers = informers;
        this.server = server;
    }

    /**
     * Starts serving on {@code listen}:{@code port} if the config says so.
     *
     * @param listen where pods reach this node: the gateway address of its pod bridge
     * @param port   53 (tests: 0)
     */
    public static ClusterDns start(ListerWatcherSource source, NodeDnsConfig config, InetAddress listen, int port)
            throws InterruptedException {
        List<String> nameservers = !config.clusterDns().isEmpty() ? config.clusterDns()
                : config.serve() ? List.of(listen.getHostAddress()) : List.of();
        if (!config.serve()) {
            return new ClusterDns(config, nameservers, null, null);
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
        ClusterDnsResolver resolver = new ClusterDnsResolver(config.clusterDomain(), directory);
        UpstreamForwarder upstream = UpstreamForwarder.fromResolvConf(config.resolvConf(), listen);
        ClusterDnsServer server = new ClusterDnsServer(listen, port, resolver, upstream);
        try {
            server.start();
            log.info("cluster DNS for {} on {} (UDP and TCP); other names go to {}", config.clusterDomain(), server.address(),
                    upstream.upstreams());
        } catch (BindException e) {
            log.error("cluster DNS is NOT served by this node: {}. Two kubelets on one host need different pod bridges "
                    + "(or --serve-cluster-dns=false on one); pods here still use {}", e.getMessage(), nameservers);
            server = null;
        } catch (IOException e) {
            log.error("cluster DNS is NOT served by this node: {}", e.toString());
            server = null;
        }
        return new ClusterDns(config, nameservers, informers, server);
    }

    private static <T extends io.tugboat.api.meta.KubernetesObject> ResourceEventHandler<T> touching(InformerServiceDirectory d) {
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

    /** The nameservers ClusterFirst pods get (empty: none, they fall back to Default). */
    public List<String> nameservers() {
        return nameservers;
    }

    /** Where the server listens, if it does. */
    public Optional<java.net.InetSocketAddress> address() {
        return Optional.ofNullable(server).map(ClusterDnsServer::address);
    }

    /** Pods' resolv.conf files, written into their directories. */
    public PodResolvConfWriter podFiles(java.util.function.Function<String, java.nio.file.Path> podDir) {
        return new PodResolvConfWriter(new PodDns(config.clusterDomain(), nameservers), config.resolvConf(), podDir);
    }

    @Override
    public void close() {
        if (server != null) {
            server.close();
        }
        if (informers != null) {
            informers.stop();
        }
    }
}
