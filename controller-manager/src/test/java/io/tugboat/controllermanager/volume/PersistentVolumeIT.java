package io.tugboat.controllermanager.volume;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tugboat.api.Codec;
import io.tugboat.api.ResourceKinds;
import io.tugboat.api.core.PersistentVolume;
import io.tugboat.api.core.PersistentVolumeClaim;
import io.tugboat.api.core.Pod;
import io.tugboat.api.core.PodStatus;
import io.tugboat.api.storage.StorageClass;
import io.tugboat.client.ApiClient;
import io.tugboat.client.ApiException;
import io.tugboat.client.controller.ControllerRunner;
import io.tugboat.client.controller.EventRecorder;
import io.tugboat.client.informer.InformerOptions;
import io.tugboat.client.informer.SharedInformerFactory;
import io.tugboat.testcluster.TestCluster;
import io.tugboat.testsupport.EtcdExtension;
import io.tugboat.testsupport.Eventually;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The binder against a real API server: smallest fit, both sides written, Released and Delete on claim deletion. */
class PersistentVolumeIT {
    @RegisterExtension
    static final EtcdExtension etcd = new EtcdExtension();

    static TestCluster cluster;
    static ApiClient client;
    static SharedInformerFactory informers;
    static EventRecorder events;
    static ControllerRunner controller;

    @BeforeAll
    static void start() throws Exception {
        cluster = TestCluster.start(etcd);
        client = cluster.client();
        informers = new SharedInformerFactory(client::listerWatcher, InformerOptions.defaults());
        events = EventRecorder.builder(client, PersistentVolumeController.NAME).drainTimeout(Duration.ofSeconds(1)).build();
        controller = PersistentVolumeController.newRunner(client, informers, events, 2);
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
        if (events != null) {
            events.stop();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void bindsTheSmallestFitBothWaysAndReclaimsAsThePolicySays() throws Exception {
        volume("big", "5Gi", "Retain");
        volume("small", "1Gi", "Retain");
        volume("tiny", "100Mi", "Delete");
        eventually("volumes Available", () -> phase("big").equals("Available") && phase("tiny").equals("Available"));

        claim("data", "512Mi");
        eventually("data bound to small", () -> claimPhase("data").equals("Bound"));
        PersistentVolumeClaim data = claims().get("data");
        assertEquals("small", data.spec().volumeName());
        assertEquals("1Gi", data.status().capacity().get("storage").toString());
        eventually("small Bound with its claimRef", () -> phase("small").equals("Bound"));
        assertEquals(data.metadata().uid(), client.resources(ResourceKinds.PERSISTENT_VOLUMES).get("small").spec().claimRef().uid());

        claim("logs", "50Mi");
        eventually("logs bound to tiny", () -> claimPhase("logs").equals("Bound"));
        assertEquals("tiny", claims().get("logs").spec().volumeName());

        claim("huge", "10Gi");
        claims().delete("data", null);
        eventually("small Released (Retain keeps it)", () -> phase("small").equals("Released"));
        claims().delete("logs", null);
        eventually("tiny deleted (reclaim Delete)", () -> pv("tiny").isEmpty());
        assertEquals("Pending", claimPhase("huge"), "no volume is big enough");
        assertEquals("Available", phase("big"));
    }

    @Test
    void provisionsHostPathVolumesAtOnceOrForTheFirstConsumersNode() throws Exception {
        for (String mode : List.of("Immediate", "WaitForFirstConsumer")) {
            client.resources(ResourceKinds.STORAGE_CLASSES).create(Codec.fromYaml("""
                    apiVersion: storage.k8s.io/v1
                    kind: StorageClass
                    metadata: {name: %s}
                    provisioner: tugboat.io/host-path
                    volumeBindingMode: %s
                    parameters: {root: /tmp/tugboat-pv-it}
                    """.formatted(mode.toLowerCase(), mode), StorageClass.class).value());
        }
        PersistentVolumeClaim now = claims().create(classClaim("now", "immediate"));
        eventually("an Immediate claim is provisioned and bound", () -> claimPhase("now").equals("Bound"));
        PersistentVolume made = pv("pvc-" + now.metadata().uid()).orElseThrow();
        assertEquals("/tmp/tugboat-pv-it/pvc-" + now.metadata().uid(), made.spec().hostPath().path());
        assertEquals("Delete", made.spec().persistentVolumeReclaimPolicy());
        assertEquals(null, made.spec().nodeAffinity());

        PersistentVolumeClaim later = claims().create(classClaim("later", "waitforfirstconsumer"));
        client.resources(ResourceKinds.PODS).inNamespace("default").create(Codec.fromYaml("""
                apiVersion: v1
                kind: Pod
                metadata: {name: user}
                spec:
                  containers: [{name: main, image: "tugboat/busybox:1"}]
                  volumes: [{name: data, persistentVolumeClaim: {claimName: later}}]
                """, Pod.class).value());
        client.resources(ResourceKinds.PODS).inNamespace("default").bind("user", "node-7");
        assertEquals(Optional.empty(), pv("pvc-" + later.metadata().uid()),
                "no volume before the scheduler selected a node for the claim");
        // what the scheduler's VolumeBinding PreBind writes when it places the claim's first pod
        claims().mergePatch("later", "{\"metadata\":{\"annotations\":{\"volume.kubernetes.io/selected-node\":\"node-7\"}}}");
        eventually("provisioned on the selected node and bound", () -> claimPhase("later").equals("Bound"));
        PersistentVolume onNode = pv("pvc-" + later.metadata().uid()).orElseThrow();
        assertEquals(List.of("node-7"), onNode.spec().nodeAffinity().required().nodeSelectorTerms().get(0)
                .matchExpressions().get(0).values());

        claims().delete("now", null);
        eventually("the provisioned volume goes with its claim", () -> pv("pvc-" + now.metadata().uid()).isEmpty());
    }

    @Test
    void reclaimDeleteRemovesAProvisionedDirectoryWithACleanupPodOnItsNodeBeforeTheVolume() throws Exception {
        client.resources(ResourceKinds.STORAGE_CLASSES).create(Codec.fromYaml("""
                apiVersion: storage.k8s.io/v1
                kind: StorageClass
                metadata: {name: cleaned}
                provisioner: tugboat.io/host-path
                volumeBindingMode: WaitForFirstConsumer
                parameters: {root: /tmp/tugboat-pv-it}
                """, StorageClass.class).value());
        PersistentVolumeClaim claim = claims().create(classClaim("scratch", "cleaned"));
        claims().mergePatch("scratch", "{\"metadata\":{\"annotations\":{\"volume.kubernetes.io/selected-node\":\"node-3\"}}}");
        eventually("provisioned on node-3 and bound", () -> claimPhase("scratch").equals("Bound"));
        String volume = "pvc-" + claim.metadata().uid();

        claims().delete("scratch", null);
        var cleanupPods = client.resources(ResourceKinds.PODS).inNamespace("kube-system");
        Pod cleanup = awaitPod(cleanupPods, "delete-" + volume);
        assertEquals("node-3", cleanup.spec().nodeName(), "pinned to the volume's node, no scheduler");
        assertEquals(List.of("rm", "-rf", "--", "/volumes/" + volume), cleanup.spec().containers().get(0).command());
        assertEquals("/tmp/tugboat-pv-it", cleanup.spec().volumes().get(0).hostPath().path(), "the parent directory");
        assertEquals(volume, cleanup.metadata().ownerReferences().get(0).name(), "owned by the volume");
        assertEquals("Bound", phase(volume), "the volume waits for its directory to go");

        // the kubelet reports the pod failed: the volume is Failed, the pod stays for its logs
        cleanupPods.updateStatus(cleanup.withStatus(Codec.fromYaml("phase: Failed", PodStatus.class).value()));
        eventually("the volume Failed", () -> phase(volume).equals("Failed"));
        // deleting the failed pod retries; this time it succeeds and the volume goes
        cleanupPods.delete(cleanup.metadata().name(), null);
        Pod retry = awaitPod(cleanupPods, "delete-" + volume);
        cleanupPods.updateStatus(retry.withStatus(Codec.fromYaml("phase: Succeeded", PodStatus.class).value()));
        eventually("the volume deleted once its directory is gone", () -> pv(volume).isEmpty());
    }

    static Pod awaitPod(io.tugboat.client.ResourceClient<Pod> pods, String name) throws InterruptedException {
        java.util.concurrent.atomic.AtomicReference<Pod> found = new java.util.concurrent.atomic.AtomicReference<>();
        eventually("pod " + name, () -> {
            try {
                Pod pod = pods.get(name);
                found.set(pod);
                return pod.metadata().deletionTimestamp() == null;
            } catch (ApiException e) {
                return false;
            }
        });
        return found.get();
    }

    static PersistentVolumeClaim classClaim(String name, String storageClass) throws Exception {
        return Codec.fromYaml("""
                apiVersion: v1
                kind: PersistentVolumeClaim
                metadata: {name: %s}
                spec:
                  accessModes: [ReadWriteOnce]
                  storageClassName: %s
                  resources: {requests: {storage: 10Mi}}
                """.formatted(name, storageClass), PersistentVolumeClaim.class).value();
    }

    static void eventually(String what, java.util.function.BooleanSupplier condition) throws InterruptedException {
        Eventually.until(what, Duration.ofSeconds(60), condition);
    }

    static io.tugboat.client.ResourceClient<PersistentVolumeClaim> claims() {
        return client.resources(ResourceKinds.PERSISTENT_VOLUME_CLAIMS).inNamespace("default");
    }

    static void volume(String name, String size, String reclaim) throws Exception {
        client.resources(ResourceKinds.PERSISTENT_VOLUMES).create(Codec.fromYaml("""
                apiVersion: v1
                kind: PersistentVolume
                metadata: {name: %s}
                spec:
                  capacity: {storage: %s}
                  accessModes: [ReadWriteOnce]
                  persistentVolumeReclaimPolicy: %s
                  storageClassName: local
                  hostPath: {path: /tmp/tugboat-pv-it/%1$s}
                """.formatted(name, size, reclaim), PersistentVolume.class).value());
    }

    static void claim(String name, String size) throws Exception {
        claims().create(Codec.fromYaml("""
                apiVersion: v1
                kind: PersistentVolumeClaim
                metadata: {name: %s}
                spec:
                  accessModes: [ReadWriteOnce]
                  storageClassName: local
                  resources: {requests: {storage: %s}}
                """.formatted(name, size), PersistentVolumeClaim.class).value());
    }

    static Optional<PersistentVolume> pv(String name) {
        try {
            return Optional.of(client.resources(ResourceKinds.PERSISTENT_VOLUMES).get(name));
        } catch (ApiException.NotFoundException e) {
            return Optional.empty();
        } catch (ApiException e) {
            throw new IllegalStateException(e);
        }
    }

    static String phase(String volume) {
        return pv(volume).map(pv -> pv.status() == null ? "" : String.valueOf(pv.status().phase())).orElse("<gone>");
    }

    static String claimPhase(String name) {
        try {
            PersistentVolumeClaim c = claims().get(name);
            return c.status() == null ? "" : String.valueOf(c.status().phase());
        } catch (ApiException e) {
            throw new IllegalStateException(e);
        }
    }
}
