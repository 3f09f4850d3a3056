package io.tugboat.kubelet.dns;

import static io.tugboat.kubelet.dns.ClusterDnsResolverTest.endpoints;
import static io.tugboat.kubelet.dns.ClusterDnsResolverTest.service;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tugboat.api.ResourceKinds;
import io.tugboat.client.ApiClient;
import io.tugboat.testcluster.TestCluster;
import io.tugboat.testsupport.EtcdExtension;
import io.tugboat.testsupport.Eventually;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * ClusterDns on a real API server: answers follow Services and Endpoints as they are created, changed and deleted
 * (through its informers), and a second server on a taken address stays down without failing its kubelet.
 */
class ClusterDnsIT {
    @RegisterExtension
    static final EtcdExtension etcd = new EtcdExtension();

    static TestCluster cluster;
    static ApiClient client;
    static ClusterDns dns;
    static Path resolvConf;

    @BeforeAll
    static void start() throws Exception {
        cluster = TestCluster.start(etcd);
        client = cluster.client();
        resolvConf = Files.writeString(Files.createTempFile("resolv", ".conf"), "nameserver 127.0.0.1\n");
        dns = ClusterDns.start(client::listerWatcher, NodeDnsConfig.defaults().withResolvConf(resolvConf));
        dns.serveOn(InetAddress.getLoopbackAddress(), 0);
    }

    @AfterAll
    static void stop() throws Exception {
        if (dns != null) {
            dns.close();
        }
        if (cluster != null) {
            cluster.close();
        }
        Files.deleteIfExists(resolvConf);
    }

    @Test
    void answersFollowServicesAndEndpoints() throws Exception {
        InetSocketAddress server = dns.address().orElseThrow();
        assertEquals(List.of(InetAddress.getLoopbackAddress().getHostAddress()), dns.nameservers());
        assertEquals(3, DnsClient.udp(server, "api.default.svc.cluster.local", 1).rcode());

        var services = client.resources(ResourceKinds.SERVICES).inNamespace("default");
        var created = services.create(service("""
                metadata: {name: api, namespace: default}
                spec: {clusterIP: None, ports: [{name: grpc, port: 9090}]}
                """));
        client.resources(ResourceKinds.ENDPOINTS).inNamespace("default").create(endpoints("""
                metadata: {name: api, namespace: default}
                subsets: [{addresses: [{ip: 10.244.3.4, hostname: api-0}], ports: [{name: grpc, port: 9090}]}]
                """));
        Eventually.until("the headless Service answers with its address", Duration.ofSeconds(30),
                () -> answers(server, "api.default.svc.cluster.local").equals(List.of("api.default.svc.cluster.local. 5 IN A 10.244.3.4")));
        assertEquals(List.of("api-0.api.default.svc.cluster.local. 5 IN A 10.244.3.4"),
                DnsClient.udp(server, "api-0.api.default.svc.cluster.local", 1).answers());

        services.delete(created.metadata().name());
        Eventually.until("the deleted Service's name is gone", Duration.ofSeconds(30),
                () -> rcode(server, "api.default.svc.cluster.local") == 3);
    }

    @Test
    void aSecondServerOnATakenAddressStaysDownAndSaysWhy() throws Exception {
        ClusterDns second = ClusterDns.start(client::listerWatcher, NodeDnsConfig.defaults().withResolvConf(resolvConf));
        try {
            second.serveOn(InetAddress.getLoopbackAddress(), dns.address().orElseThrow().getPort());
            assertTrue(second.address().isEmpty());
            assertEquals(dns.nameservers(), second.nameservers(), "its pods are still pointed at the address");
        } finally {
            second.close();
        }
    }

    private static List<String> answers(InetSocketAddress server, String name) {
        try {
            return DnsClient.udp(server, name, 1).answers();
        } catch (Exception e) {
            return List.of();
        }
    }

    private static int rcode(InetSocketAddress server, String name) {
        try {
            return DnsClient.udp(server, name, 1).rcode();
        } catch (Exception e) {
            return -1;
        }
    }
}
