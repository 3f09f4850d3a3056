package io.tugboat.controllermanager.replicaset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tugboat.api.Codec;
import io.tugboat.api.ResourceKinds;
import io.tugboat.api.apps.ReplicaSet;
import io.tugboat.api.core.Pod;
import io.tugboat.client.ApiClient;
import io.tugboat.client.ListOptions;
import io.tugboat.client.ResourceClient;
import io.tugboat.controllermanager.common.ControllerRefs;
import io.tugboat.controllermanager.common.Pods;
import io.tugboat.controllermanager.testing.ControllersOnACluster;
import io.tugboat.testsupport.EtcdExtension;
import io.tugboat.testsupport.Eventually;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The ReplicaSet controller against a real API server: adoption, release and replacement through real writes. */
class ReplicaSetIT {
    @RegisterExtension
    static final EtcdExtension etcd = new EtcdExtension();

    static ControllersOnACluster world;
    static ApiClient client;

    @BeforeAll
    static void start() throws Exception {
        world = ControllersOnACluster.start(etcd);
        client = world.client();
    }

    @AfterAll
    static void stop() {
        if (world != null) {
            world.close();
        }
    }

    static ResourceClient<Pod> pods() {
        return client.resources(ResourceKinds.PODS).inNamespace("default");
    }

    static List<Pod> live(String selector) {
        try {
            return pods().list(ListOptions.none().withLabelSelector(selector)).items().stream()
                    .filter(Pods::isActive).toList();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static void eventually(String what, BooleanSupplier condition) throws InterruptedException {
        Eventually.until(what, Duration.ofSeconds(60), condition);
    }

    @Test
    void adoptsOrphansReleasesStraysAndReplacesFailedPods() throws Exception {
        for (String name : List.of("orphan-1", "orphan-2")) {
            pods().create(Codec.fromYaml("""
                    apiVersion: v1
                    kind: Pod
                    metadata: {name: %s, labels: {app: cache}}
                    spec:
                      containers: [{name: main, image: "tugboat/busybox:1"}]
                    """.formatted(name), Pod.class).value());
        }
        ReplicaSet rs = client.resources(ResourceKinds.REPLICA_SETS).inNamespace("default").create(Codec.fromYaml("""
                apiVersion: apps/v1
                kind: ReplicaSet
                metadata: {name: cache}
                spec:
                  replicas: 3
                  selector: {matchLabels: {app: cache}}
                  template:
                    metadata: {labels: {app: cache}}
                    spec:
                      containers: [{name: main, image: "tugboat/busybox:1"}]
                """, ReplicaSet.class).value());
        String uid = rs.metadata().uid();

        eventually("3 pods owned, ready", () -> live("app=cache").size() == 3 && live("app=cache").stream().allMatch(p ->
                Pods.isReady(p) && ControllerRefs.controllerOf(p) != null && uid.equals(ControllerRefs.controllerOf(p).uid())));
        assertEquals(3, live("app=cache").size(), "the two orphans were adopted: only one pod was created");
        assertTrue(live("app=cache").stream().anyMatch(p -> p.metadata().name().equals("orphan-1")));

        pods().mergePatch("orphan-1", "{\"metadata\":{\"labels\":{\"app\":\"stray\"}}}");
        eventually("the stray is released and replaced", () -> live("app=cache").size() == 3
                && ControllerRefs.controllerOf(get("orphan-1")) == null);
        assertNull(get("orphan-1").metadata().ownerReferences());

        Pod victim = get("orphan-2");
        pods().updateStatus(victim.withStatus(victim.status().withPhase("Failed")));
        eventually("the failed pod is replaced", () -> live("app=cache").size() == 3
                && live("app=cache").stream().noneMatch(p -> p.metadata().name().equals("orphan-2")));
        eventually("the status counts 3 ready replicas", () -> {
            try {
                ReplicaSet now = client.resources(ResourceKinds.REPLICA_SETS).inNamespace("default").get("cache");
                return now.status() != null && Integer.valueOf(3).equals(now.status().readyReplicas())
                        && Integer.valueOf(3).equals(now.status().replicas())
                        && now.metadata().generation().equals(now.status().observedGeneration());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });

        client.resources(ResourceKinds.REPLICA_SETS).inNamespace("default").scale("cache", 1);
        eventually("scaled down to one pod", () -> live("app=cache").size() == 1);
    }

    static Pod get(String name) {
        try {
            return pods().get(name);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
