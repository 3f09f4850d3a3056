package io.tugboat.controllermanager.it;

import static io.tugboat.controllermanager.it.ItSupport.eventually;
import static io.tugboat.controllermanager.it.ItSupport.find;

import io.tugboat.api.ResourceKinds;
import io.tugboat.api.core.Namespace;
import io.tugboat.api.core.Pod;
import io.tugboat.api.core.Secret;
import io.tugboat.api.meta.ObjectMeta;
import io.tugboat.client.ApiClient;
import io.tugboat.controllermanager.ControllerManager;
import io.tugboat.controllermanager.ControllerManagerOptions;
import io.tugboat.controllermanager.Fixtures;
import io.tugboat.testcluster.TestCluster;
import io.tugboat.testsupport.EtcdExtension;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Deleting a namespace deletes its content, then the namespace: the namespace controller on a real server. */
class NamespaceControllerIT {
    @RegisterExtension
    static final EtcdExtension etcd = new EtcdExtension();
    static TestCluster cluster;
    static ControllerManager controllers;
    static ApiClient client;

    @BeforeAll
    static void start() throws Exception {
        cluster = TestCluster.start(etcd);
        client = cluster.client();
        controllers = ItSupport.startControllers(cluster, ControllerManagerOptions.defaults(), "namespace-controller");
    }

    @AfterAll
    static void stop() {
        if (controllers != null) {
            controllers.stop();
        }
        cluster.close();
    }

    @Test
    void deletingANamespaceDeletesEverythingInItAndThenTheNamespace() throws Exception {
        client.resources(ResourceKinds.NAMESPACES).create(Namespace.of(
                new ObjectMeta("team-a", null, null, null, null, null, null, null, null, null, null, null, null, null), null, null));
        client.resources(ResourceKinds.CONFIG_MAPS).create(ItSupport.configMap("team-a", "settings", null, null));
        client.resources(ResourceKinds.SECRETS).inNamespace("team-a").create(Secret.of(
                new ObjectMeta("token", null, "team-a", null, null, null, null, null, null, null, null, null, null, null),
                Map.of(), null, null, null));
        Pod pod = Fixtures.pod("worker", null);
        client.resources(ResourceKinds.PODS).inNamespace("team-a").create(pod.withMetadata(pod.metadata()
                .withUid(null).withNamespace("team-a")));
        client.resources(ResourceKinds.CONFIG_MAPS).create(ItSupport.configMap("default", "elsewhere", null, null));

        client.resources(ResourceKinds.NAMESPACES).delete("team-a");

        eventually("the namespace and its content are gone",
                () -> find(client, ResourceKinds.NAMESPACES, null, "team-a").isEmpty()
                        && find(client, ResourceKinds.CONFIG_MAPS, "team-a", "settings").isEmpty()
                        && find(client, ResourceKinds.SECRETS, "team-a", "token").isEmpty()
                        && find(client, ResourceKinds.PODS, "team-a", "worker").isEmpty());
        eventually("other namespaces are untouched", () -> find(client, ResourceKinds.CONFIG_MAPS, "default", "elsewhere").isPresent());
    }
}
