package io.tugboat.scheduler;

import static io.tugboat.scheduler.Fixtures.node;
import static io.tugboat.scheduler.Fixtures.pod;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tugboat.api.ResourceKinds;
import io.tugboat.api.core.Node;
import io.tugboat.api.core.Pod;
import io.tugboat.api.core.PodCondition;
import io.tugboat.apiserver.server.ApiServer;
import io.tugboat.client.ApiClient;
import io.tugboat.client.ApiException;
import io.tugboat.client.ResourceClient;
import io.tugboat.testsupport.EtcdExtension;
import io.tugboat.testsupport.Eventually;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scheduler as user {@code system:kube-scheduler} under {@code --authorization-mode=Node,RBAC}: the bootstrap
 * role {@code system:kube-scheduler} is all it needs to watch, bind and report an unschedulable pod.
 */
class SchedulerRbacIT {
    @RegisterExtension
    static final EtcdExtension etcd = new EtcdExtension();
    @TempDir
    static Path dir;

    static ApiServer server;
    static SchedulerServer scheduler;
    static ResourceClient<Pod> pods;

    @BeforeAll
    static void start() throws Exception {
        Path tokens = Files.writeString(dir.resolve("tokens.csv"),
                "sched-token,system:kube-scheduler,1\nadmin-token,root,2,\"system:masters\"\n");
        server = new ApiServer(ApiServer.Config.defaults(List.of(etcd.endpoint())).withPort(0)
                .withEtcdPrefix("/scheduler-rbac-" + System.nanoTime()))
                .withTokenAuthFile(tokens).withAuthorizationModes(List.of("Node", "RBAC")).start();
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        store.setCertificateEntry("apiserver", server.servingCertificates().get(0));
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(store);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, trust.getTrustManagers(), null);
        String url = "https://127.0.0.1:" + server.port();
        ApiClient admin = ApiClient.builder(url).sslContext(tls).token("admin-token").build();
        pods = admin.resources(ResourceKinds.PODS).inNamespace("default");
        ResourceClient<Node> nodes = admin.resources(ResourceKinds.NODES);
        Node created = nodes.create(node("only").capacity("1", "2Gi", "110").build());
        nodes.updateStatus(created.withStatus(node("only").capacity("1", "2Gi", "110").build().status()));
        scheduler = new SchedulerServer(ApiClient.builder(url).sslContext(tls).token("sched-token").build(),
                SchedulerServer.Options.defaults());
        assertTrue(scheduler.startInformers(Duration.ofSeconds(30)), "the scheduler may list and watch what it needs");
        scheduler.startScheduling();
    }

    @AfterAll
    static void stop() {
        if (scheduler != null) {
            scheduler.close();
        }
        if (server != null) {
            server.close();
        }
    }

    static Pod get(String name) {
        try {
            return pods.get(name);
        } catch (ApiException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void bindsWhatFitsAndReportsWhatDoesNot() throws Exception {
        pods.create(pod("fits").container("500m", "256Mi").build());
        pods.create(pod("too-big").container("4", "256Mi").build());
        Eventually.until("the pod bound", Duration.ofSeconds(60), () -> "only".equals(get("fits").spec().nodeName()));
        Eventually.until("the unschedulable pod's condition written", Duration.ofSeconds(60), () -> {
            Pod p = get("too-big");
            return p.status() != null && p.status().conditions() != null && p.status().conditions().stream()
                    .anyMatch(c -> c.type().equals("PodScheduled") && "Unschedulable".equals(c.reason()));
        });
        PodCondition condition = get("too-big").status().conditions().stream()
                .filter(c -> c.type().equals("PodScheduled")).findFirst().orElseThrow();
        assertEquals("0/1 nodes are available: 1 Insufficient cpu.", condition.message());
    }
}
