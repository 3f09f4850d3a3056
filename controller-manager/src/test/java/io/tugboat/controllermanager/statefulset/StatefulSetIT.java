package io.tugboat.controllermanager.statefulset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tugboat.api.Codec;
import io.tugboat.api.ResourceKinds;
import io.tugboat.api.apps.StatefulSet;
import io.tugboat.api.core.PersistentVolumeClaim;
import io.tugboat.api.core.Pod;
import io.tugboat.api.core.PodCondition;
import io.tugboat.api.core.PodStatus;
import io.tugboat.api.meta.DeleteOptions;
import io.tugboat.client.ApiClient;
import io.tugboat.client.ApiException;
import io.tugboat.client.ResourceClient;
import io.tugboat.client.controller.ControllerRunner;
import io.tugboat.client.controller.EventRecorder;
import io.tugboat.client.informer.InformerOptions;
import io.tugboat.client.informer.ResourceEventHandler;
import io.tugboat.client.informer.SharedInformer;
import io.tugboat.client.informer.SharedInformerFactory;
import io.tugboat.testcluster.TestCluster;
import io.tugboat.testsupport.EtcdExtension;
import io.tugboat.testsupport.Eventually;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The StatefulSet controller against a real API server, with the test as the kubelet: it decides when each pod
 * becomes Running and Ready and when a graceful deletion finishes, so the order the controller acts in is
 * observable. A watch (an informer) records the order pods appear in, and for each pod which pods the test had
 * already made ready at that moment.
 */
class StatefulSetIT {
    @RegisterExtension
    static final EtcdExtension etcd = new EtcdExtension();

    static TestCluster cluster;
    static ApiClient client;
    static SharedInformerFactory informers;
    static EventRecorder events;
    static ControllerRunner controller;
    static SharedInformerFactory watchers;
    /** Pod names in the order the watch saw them added. */
    static final List<String> added = new CopyOnWriteArrayList<>();
    /** For each added pod, the pods the test had made ready before the watch saw it. */
    static final Map<String, Set<String>> readyWhenAdded = new ConcurrentHashMap<>();
    static final Set<String> madeReady = ConcurrentHashMap.newKeySet();

    @BeforeAll
    static void start() throws Exception {
        cluster = TestCluster.start(etcd);
        client = cluster.client();
        informers = new SharedInformerFactory(client::listerWatcher, InformerOptions.defaults());
        events = EventRecorder.builder(client, StatefulSetController.NAME).drainTimeout(Duration.ofSeconds(1)).build();
        controller = StatefulSetController.newRunner(client, informers, events, Clock.systemUTC(), 2);
        watchers = new SharedInformerFactory(client::listerWatcher, InformerOptions.defaults());
        SharedInformer<Pod> watch = watchers.informerFor(ResourceKinds.PODS);
        watch.addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onAdd(Pod pod) {
                added.add(pod.metadata().name());
                readyWhenAdded.put(pod.metadata().name() + "/" + pod.metadata().uid(), Set.copyOf(madeReady));
            }
        });
        client.resources(ResourceKinds.NODES).create(Codec.fromYaml(
                "{apiVersion: v1, kind: Node, metadata: {name: node-1}, status: {conditions: [{type: Ready, status: \"True\"}]}}",
                io.tugboat.api.core.Node.class).value());
        watchers.start();
        informers.start();
        controller.start();
    }

    @AfterAll
    static void stop() {
        if (controller != null) {
            controller.stop();
        }
        if (informers != null) {
            informers.stop();
        }
        if (watchers != null) {
            watchers.stop();
        }
        if (events != null) {
            events.stop();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void startsPodsInOrderKeepsClaimsAcrossPodDeletionAndScalesDownFromTheTop() throws Exception {
        sets().create(Codec.fromYaml("""
                apiVersion: apps/v1
                kind: StatefulSet
                metadata: {name: db}
                spec:
                  replicas: 3
                  serviceName: db
                  selector: {matchLabels: {app: db}}
                  template:
                    metadata: {labels: {app: db}}
                    spec:
                      containers: [{name: main, image: "tugboat/busybox:1", volumeMounts: [{name: data, mountPath: /data}]}]
                  volumeClaimTemplates:
                  - metadata: {name: data}
                    spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Mi}}}
                """, StatefulSet.class).value());

        for (int i = 0; i < 3; i++) {
            String name = "db-" + i;
            eventually(name + " created", () -> pod(name).isPresent());
            for (int later = i + 1; later < 3; later++) {
                assertTrue(pod("db-" + later).isEmpty(), "db-" + later + " exists before db-" + i + " is ready");
            }
            Pod pod = pod(name).orElseThrow();
            assertEquals(name, pod.spec().hostname());
            assertEquals("db", pod.spec().subdomain());
            assertEquals(name, pod.metadata().labels().get(StatefulPods.POD_NAME_LABEL));
            assertEquals(String.valueOf(i), pod.metadata().labels().get(StatefulPods.POD_INDEX_LABEL));
            assertEquals("data-" + name, pod.spec().volumes().get(0).persistentVolumeClaim().claimName());
            assertTrue(claim("data-" + name).isPresent(), "the claim is made before its pod");
            becomeReady(name);
        }
        eventually("status: 3 ready, 3 updated, current = update revision", () -> {
            StatefulSet s = set("db");
            return s.status() != null && s.status().readyReplicas() == 3 && s.status().updatedReplicas() == 3
                    && s.status().updateRevision() != null && s.status().updateRevision().equals(s.status().currentRevision());
        });
        assertEquals(List.of("db-0", "db-1", "db-2"), added.stream().filter(n -> n.startsWith("db-")).toList());
        for (int i = 1; i < 3; i++) {
            String earlier = "db-" + (i - 1);
            String name = "db-" + i;
            Set<String> ready = readyWhenAdded.entrySet().stream().filter(e -> e.getKey().startsWith(name + "/"))
                    .findFirst().orElseThrow().getValue();
            assertTrue(ready.contains(earlier), name + " appeared before " + earlier + " was ready: " + ready);
        }

        // Deleting db-1 brings back db-1, on the same claim.
        String claimUid = claim("data-db-1").orElseThrow().metadata().uid();
        String podUid = pod("db-1").orElseThrow().metadata().uid();
        madeReady.remove("db-1");
        pods().delete("db-1", new DeleteOptions(null, null, 0L, null, null, null, null));
        eventually("db-1 re-created", () -> pod("db-1").map(p -> !p.metadata().uid().equals(podUid)).orElse(false));
        assertEquals(claimUid, claim("data-db-1").orElseThrow().metadata().uid(), "the claim survived its pod");
        becomeReady("db-1");
        eventually("3 ready again", () -> set("db").status().readyReplicas() == 3);

        // Scale 3 -> 1: db-2 goes first; db-1 only once db-2 is gone.
        sets().mergePatch("db", "{\"spec\":{\"replicas\":1}}");
        eventually("db-2 being deleted", () -> pod("db-2").map(p -> p.metadata().deletionTimestamp() != null).orElse(true));
        assertNull(pod("db-1").orElseThrow().metadata().deletionTimestamp(), "db-1 deleted before db-2 is gone");
        finishDeletion("db-2");
        eventually("db-1 being deleted", () -> pod("db-1").map(p -> p.metadata().deletionTimestamp() != null).orElse(true));
        finishDeletion("db-1");
        eventually("one replica left", () -> set("db").status().replicas() == 1 && pod("db-0").isPresent());
        assertTrue(claim("data-db-2").isPresent() && claim("data-db-1").isPresent(), "Retain keeps scaled-down claims");
    }

    @Test
    void parallelCreatesEveryPodAtOnceAndWhenScaledDeleteRemovesClaims() throws Exception {
        sets().create(Codec.fromYaml("""
                apiVersion: apps/v1
                kind: StatefulSet
                metadata: {name: par}
                spec:
                  replicas: 3
                  podManagementPolicy: Parallel
                  persistentVolumeClaimRetentionPolicy: {whenScaled: Delete}
                  selector: {matchLabels: {app: par}}
                  template:
                    metadata: {labels: {app: par}}
                    spec:
                      containers: [{name: main, image: "tugboat/busybox:1"}]
                  volumeClaimTemplates:
                  - metadata: {name: data}
                    spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Mi}}}
                """, StatefulSet.class).value());
        eventually("all three created without any being ready",
                () -> pod("par-0").isPresent() && pod("par-1").isPresent() && pod("par-2").isPresent());
        assertTrue(madeReady.stream().noneMatch(n -> n.startsWith("par-")));

        sets().mergePatch("par", "{\"spec\":{\"replicas\":1}}");
        eventually("par-1 and par-2 deleted (unbound pods go at once)", () -> goneOrDeleting("par-1") && goneOrDeleting("par-2"));
        eventually("their claims deleted", () -> claim("data-par-1").isEmpty() && claim("data-par-2").isEmpty());
        assertTrue(claim("data-par-0").isPresent());
        finishDeletion("par-1");
        finishDeletion("par-2");
    }

    @Test
    void aNewTemplateRollsFromTheHighestOrdinalDownToThePartition() throws Exception {
        sets().create(Codec.fromYaml("""
                apiVersion: apps/v1
                kind: StatefulSet
                metadata: {name: roll}
                spec:
                  replicas: 3
                  podManagementPolicy: Parallel
                  updateStrategy: {type: RollingUpdate, rollingUpdate: {partition: 1}}
                  selector: {matchLabels: {app: roll}}
                  template:
                    metadata: {labels: {app: roll}}
                    spec:
                      containers: [{name: main, image: "tugboat/busybox:1"}]
                """, StatefulSet.class).value());
        for (int i = 0; i < 3; i++) {
            String name = "roll-" + i;
            eventually(name + " created", () -> pod(name).isPresent());
            becomeReady(name);
        }
        eventually("3 ready", () -> set("roll").status().readyReplicas() == 3);
        String oldRevision = set("roll").status().currentRevision();

        sets().mergePatch("roll", "{\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"name\":\"main\",\"image\":\"tugboat/busybox:2\"}]}}}}");
        eventually("roll-2 being replaced", () -> deleting("roll-2"));
        assertTrue(!deleting("roll-1"), "one pod at a time, from the top");
        finishDeletion("roll-2");
        eventually("roll-2 back at the new revision", () -> pod("roll-2").map(p -> !p.metadata().labels()
                .get("controller-revision-hash").equals(oldRevision)).orElse(false));
        assertEquals("tugboat/busybox:2", pod("roll-2").orElseThrow().spec().containers().get(0).image());
        becomeReady("roll-2");
        eventually("status: 1 updated, update revision differs from current", () -> {
            StatefulSet s = set("roll");
            return s.status().updatedReplicas() == 1 && s.status().readyReplicas() == 3
                    && oldRevision.equals(s.status().currentRevision()) && !oldRevision.equals(s.status().updateRevision());
        });
        assertEquals(oldRevision, pod("roll-1").orElseThrow().metadata().labels().get("controller-revision-hash"),
                "the partition holds roll-1 and roll-0 at the old revision");

        sets().mergePatch("roll", "{\"spec\":{\"updateStrategy\":{\"rollingUpdate\":{\"partition\":0}}}}");
        for (String name : List.of("roll-1", "roll-0")) {
            eventually(name + " being replaced", () -> deleting(name));
            finishDeletion(name);
            eventually(name + " back", () -> pod(name).map(p -> p.metadata().deletionTimestamp() == null).orElse(false));
            becomeReady(name);
        }
        eventually("rollout complete: current = update", () -> {
            StatefulSet s = set("roll");
            return s.status().updatedReplicas() == 3 && s.status().currentReplicas() == 3
                    && s.status().updateRevision().equals(s.status().currentRevision());
        });
        assertNotEquals(oldRevision, set("roll").status().currentRevision());
    }

    // --- the test as kubelet ---

    static void becomeReady(String name) throws Exception {
        madeReady.add(name);
        try {
            pods().bind(name, "node-1"); // bound pods are deleted gracefully: the test finishes their deletion
        } catch (ApiException.ConflictException alreadyBound) {
            // re-readied
        }
        Eventually.until(name + " marked ready", Duration.ofSeconds(60), () -> {
            try {
                Pod pod = pods().get(name);
                Instant now = Instant.now();
                pods().updateStatus(pod.withStatus(new PodStatus("Running", List.of(
                        new PodCondition("Ready", "True", null, now, null, null)), null, null, "10.0.0.1", null,
                        "10.1.0.1", null, now, null, null, null)));
                return true;
            } catch (ApiException.ConflictException e) {
                return false;
            } catch (ApiException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    static void finishDeletion(String name) throws Exception {
        madeReady.remove(name);
        try {
            pods().delete(name, new DeleteOptions(null, null, 0L, null, null, null, null));
        } catch (ApiException.NotFoundException e) {
            // finished already
        }
    }

    static boolean goneOrDeleting(String name) {
        return pod(name).map(p -> p.metadata().deletionTimestamp() != null).orElse(true);
    }

    static boolean deleting(String name) {
        return pod(name).map(p -> p.metadata().deletionTimestamp() != null).orElse(false);
    }

    // --- reading ---

    static void eventually(String what, BooleanSupplier condition) throws InterruptedException {
        Eventually.until(what, Duration.ofSeconds(90), condition);
    }

    static ResourceClient<Pod> pods() {
        return client.resources(ResourceKinds.PODS).inNamespace("default");
    }

    static ResourceClient<StatefulSet> sets() {
        return client.resources(ResourceKinds.STATEFUL_SETS).inNamespace("default");
    }

    static StatefulSet set(String name) {
        try {
            return sets().get(name);
        } catch (ApiException e) {
            throw new IllegalStateException(e);
        }
    }

    static Optional<Pod> pod(String name) {
        try {
            return Optional.of(pods().get(name));
        } catch (ApiException.NotFoundException e) {
            return Optional.empty();
        } catch (ApiException e) {
            throw new IllegalStateException(e);
        }
    }

    static Optional<PersistentVolumeClaim> claim(String name) {
        try {
            return Optional.of(client.resources(ResourceKinds.PERSISTENT_VOLUME_CLAIMS).inNamespace("default").get(name));
        } catch (ApiException.NotFoundException e) {
            return Optional.empty();
        } catch (ApiException e) {
            throw new IllegalStateException(e);
        }
    }
}
