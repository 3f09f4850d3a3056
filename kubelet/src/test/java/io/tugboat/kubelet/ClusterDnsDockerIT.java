package io.tugboat.kubelet;

import static io.tugboat.kubelet.PodSpecs.container;
import static io.tugboat.kubelet.PodSpecs.pod;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tugboat.api.Codec;
import io.tugboat.api.ResourceKinds;
import io.tugboat.api.core.Endpoints;
import io.tugboat.api.core.Pod;
import io.tugboat.api.core.Service;
import io.tugboat.client.ApiClient;
import io.tugboat.client.ResourceClient;
import io.tugboat.kubelet.dns.DnsClient;
import io.tugboat.kubelet.dns.DockerBridge;
import io.tugboat.kubelet.dns.NodeDnsConfig;
import io.tugboat.kubelet.pod.ContainerLabels;
import io.tugboat.kubelet.runtime.DockerRuntime;
import io.tugboat.testcluster.TestCluster;
import io.tugboat.testsupport.EtcdExtension;
import io.tugboat.testsupport.Eventually;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Cluster DNS end to end on one node: a kubelet with its DNS server on Docker's bridge gateway (port 53), Services
 * and Endpoints created directly in the API server, and a busybox pod that reads its resolv.conf and asks with
 * nslookup. Forwarding outside the cluster domain is left to ClusterDnsServerTest (no traffic leaves this host here).
 */
class ClusterDnsDockerIT {
    @RegisterExtension
    static final EtcdExtension etcd = new EtcdExtension();

    static final String NODE = "dns-" + UUID.randomUUID().toString().substring(0, 8);
    static TestCluster cluster;
    static DockerRuntime docker;
    static Kubelet kubelet;
    static ApiClient client;
    static ResourceClient<Pod> pods;

    @BeforeAll
    static void startKubelet() throws Exception {
        cluster = TestCluster.start(etcd);
        client = cluster.client();
        pods = client.resources(ResourceKinds.PODS).inNamespace("default");
        docker = new DockerRuntime("unix:///var/run/docker.sock");
        Path root = Files.createTempDirectory("kubelet-dns-it");
        // the node's resolver file: its search domain must follow the cluster's in ClusterFirst pods
        Path nodeResolvConf = Files.writeString(root.resolve("node-resolv.conf"), "nameserver 127.0.0.1\nsearch it.example\n");
        KubeletConfig config = KubeletConfig.defaults(NODE).withNetwork("127.0.0.1", 0).withRootDir(root.resolve("kubelet"));
        kubelet = new Kubelet(config, client, docker).withDns(NodeDnsConfig.defaults().withResolvConf(nodeResolvConf)).start();
    }

    @AfterAll
    static void stopKubelet() {
        if (kubelet != null) {
            kubelet.close();
        }
        if (docker != null) {
            docker.list(ContainerLabels.ofNode(NODE)).forEach(c -> docker.remove(c.id()));
            docker.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void aPodResolvesServicesThroughItsNodesDnsServer() throws Exception {
        String gateway = DockerBridge.defaultGateway().getHostAddress();
        assertTrue(kubelet.dns().orElseThrow().address().isPresent(),
                "the kubelet serves DNS on " + gateway + ":53 (is the port taken by another process?)");
        Service web = client.resources(ResourceKinds.SERVICES).inNamespace("default").create(yaml(Service.class, """
                metadata: {name: web, namespace: default}
                spec: {ports: [{name: http, port: 80}]}
                """));
        client.resources(ResourceKinds.SERVICES).inNamespace("default").create(yaml(Service.class, """
                metadata: {name: db, namespace: default}
                spec: {clusterIP: None, ports: [{name: pg, port: 5432}]}
                """));
        client.resources(ResourceKinds.ENDPOINTS).inNamespace("default").create(yaml(Endpoints.class, """
                metadata: {name: db, namespace: default}
                subsets: [{addresses: [{ip: 10.244.7.10, hostname: db-0}, {ip: 10.244.7.11, hostname: db-1}], ports: [{name: pg, port: 5432}]}]
                """));
        String clusterIP = web.spec().clusterIP();
        // the pod asks once: wait until the node's server (its informers) knows both Services
        InetSocketAddress server = kubelet.dns().orElseThrow().address().orElseThrow();
        Eventually.until("the node's DNS server knows the Services", Duration.ofSeconds(60),
                () -> answers(server, "web.default.svc.cluster.local") == 1 && answers(server, "db.default.svc.cluster.local") == 2);

        pods.create(pod("asker", NODE, "Never", List.of(container("main", "tugboat/busybox:1", String.join("; ",
                "cat /etc/resolv.conf",
                "echo '== web'", "nslookup web.default.svc.cluster.local",
                "echo '== short'", "nslookup web",
                "echo '== nosuch'", "nslookup nosuch.default.svc.cluster.local",
                "echo '== db'", "nslookup db.default.svc.cluster.local",
                "echo '== db-1'", "nslookup db-1.db.default.svc.cluster.local",
                "echo '== srv'", "nslookup -type=srv _pg._tcp.db.default.svc.cluster.local",
                "echo '== end'")))));
        Await.until("the pod ran its lookups", Duration.ofSeconds(120), () -> pods.get("asker"),
                p -> p.status() != null && "Succeeded".equals(p.status().phase()));
        String out = log("asker");

        assertEquals("nameserver " + gateway + "\nsearch default.svc.cluster.local svc.cluster.local cluster.local it.example\n"
                + "options ndots:5\n", out.substring(0, out.indexOf("== web")), out);
        assertTrue(section(out, "web").contains("Address: " + clusterIP), out);
        assertTrue(section(out, "short").contains("Address: " + clusterIP), "the search list completes a short name:\n" + out);
        assertTrue(section(out, "nosuch").contains("NXDOMAIN"), out);
        assertTrue(section(out, "db").contains("Address: 10.244.7.10") && section(out, "db").contains("Address: 10.244.7.11"), out);
        assertTrue(section(out, "db-1").contains("Address: 10.244.7.11") && !section(out, "db-1").contains("10.244.7.10"), out);
        assertTrue(section(out, "srv").contains("db-0.db.default.svc.cluster.local")
                && section(out, "srv").contains("5432"), out);
    }

    private static int answers(InetSocketAddress server, String name) {
        try {
            return DnsClient.udp(server, name, 1).answers().size();
        } catch (Exception e) {
            return -1;
        }
    }

    private static String section(String out, String name) {
        int start = out.indexOf("== " + name + "\n");
        return out.substring(start, out.indexOf("== ", start + 3));
    }

    private static String log(String pod) throws Exception {
        try (InputStream in = pods.log(pod, "main", false, null, false)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static <T> T yaml(Class<T> type, String yaml) {
        try {
            return Codec.fromYaml("apiVersion: v1\nkind: " + type.getSimpleName() + "\n" + yaml, type).value();
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }
}
