package io.tugboat.scheduler.plugins;

import static io.tugboat.scheduler.Fixtures.node;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tugboat.api.Codec;
import io.tugboat.api.core.Node;
import io.tugboat.api.core.PersistentVolume;
import io.tugboat.api.core.PersistentVolumeClaim;
import io.tugboat.api.core.Pod;
import io.tugboat.api.storage.StorageClass;
import io.tugboat.scheduler.PluginHarness;
import io.tugboat.scheduler.framework.Handle;
import io.tugboat.scheduler.framework.NodeInfo;
import io.tugboat.scheduler.framework.PodInfo;
import io.tugboat.scheduler.framework.Status;
import io.tugboat.scheduler.plugins.volumebinding.VolumeBindingPlugin;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Unbound WaitForFirstConsumer claims: which nodes the filter accepts and what PreBind writes once node n1 is
 * chosen. Each row: the claim's class ({@code provisioned}: a class with a provisioner, {@code static}:
 * {@code kubernetes.io/no-provisioner}, {@code immediate}), its selected node, the volumes that exist
 * ({@code name:node[:claimed]}), the filter's verdict on n1, and PreBind's writes.
 */
class VolumeBindingWaitForFirstConsumerTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "a provisioner reaches every node: select n1    | provisioned |    |                   | SUCCESS                        | select n1",
            "a fitting volume on n1 is pre-bound            | provisioned |    | pv-n1:n1          | SUCCESS                        | prebind pv-n1",
            "a volume on n2 is not reachable: provision     | provisioned |    | pv-n2:n2          | SUCCESS                        | select n1",
            "static only, volume on n1                      | static      |    | pv-n1:n1          | SUCCESS                        | prebind pv-n1",
            "static only, volume only on n2                 | static      |    | pv-n2:n2          | UNSCHEDULABLE_AND_UNRESOLVABLE | ",
            "static only, the volume is someone else's      | static      |    | pv-n1:n1:other    | UNSCHEDULABLE_AND_UNRESOLVABLE | ",
            "selected for n2 already                        | provisioned | n2 |                   | UNSCHEDULABLE_AND_UNRESOLVABLE | ",
            "selected for n1 already: nothing to write       | provisioned | n1 |                   | SUCCESS                        | ",
            "pre-bound on an earlier attempt                | static      |    | pv-n1:n1:data     | SUCCESS                        | ",
            "an Immediate claim is the binder's alone       | immediate   |    | pv-n2:n2          | SUCCESS                        | ",
    })
    void choosesAVolumeOrANodeForTheClaim(String name, String storageClass, String selected, String volumeList,
                                          Status.Code expected, String writes) {
        PersistentVolumeClaim claim = decode("""
                apiVersion: v1
                kind: PersistentVolumeClaim
                metadata: {name: data, namespace: default, uid: c1%s}
                spec: {accessModes: [ReadWriteOnce], storageClassName: %s, resources: {requests: {storage: 1Mi}}}
                """.formatted(selected == null ? "" : ", annotations: {volume.kubernetes.io/selected-node: " + selected + "}",
                storageClass), PersistentVolumeClaim.class);
        List<PersistentVolume> volumes = volumeList == null ? List.of()
                : Arrays.stream(volumeList.trim().split("\\s+")).map(v -> volume(v.split(":"), storageClass)).toList();
        List<String> written = new ArrayList<>();
        Handle.VolumeWriter writer = new Handle.VolumeWriter() {
            @Override
            public void preBind(PersistentVolume volume, PersistentVolumeClaim c) {
                written.add("prebind " + volume.metadata().name());
            }

            @Override
            public void selectNode(PersistentVolumeClaim c, String node) {
                written.add("select " + node);
            }
        };
        NodeInfo n1 = node("n1").label("kubernetes.io/hostname", "n1").info();
        Handle.VolumeLister lister = new Handle.VolumeLister() {
            @Override
            public Optional<PersistentVolumeClaim> claim(String namespace, String n) {
                return Optional.of(claim);
            }

            @Override
            public Optional<PersistentVolume> volume(String n) {
                return volumes.stream().filter(v -> v.metadata().name().equals(n)).findFirst();
            }

            @Override
            public List<PersistentVolume> volumes() {
                return volumes;
            }

            @Override
            public Optional<StorageClass> storageClass(String n) {
                return Optional.of(decode("""
                        apiVersion: storage.k8s.io/v1
                        kind: StorageClass
                        metadata: {name: %s}
                        provisioner: %s
                        volumeBindingMode: %s
                        """.formatted(n, n.equals("static") ? "kubernetes.io/no-provisioner" : "tugboat.io/host-path",
                        n.equals("immediate") ? "Immediate" : "WaitForFirstConsumer"), StorageClass.class));
            }

            @Override
            public Optional<Node> node(String n) {
                return Optional.of(n1.node());
            }
        };
        Pod pod = decode("""
                apiVersion: v1
                kind: Pod
                metadata: {name: p, namespace: default, uid: u1}
                spec:
                  containers: [{name: c, image: busybox}]
                  volumes: [{name: v, persistentVolumeClaim: {claimName: data}}]
                """, Pod.class);
        VolumeBindingPlugin plugin = VolumeBindingPlugin.create(new Handle((ns, p, n) -> { }, lister, writer));
        Status status = PluginHarness.filter(plugin, PodInfo.of(pod), n1);
        assertEquals(expected, status.code(), status::toString);
        if (status.isSuccess()) {
            assertEquals(Status.Code.SUCCESS, plugin.preBind(pod, "n1").code());
            assertEquals(writes == null ? List.of() : List.of(writes.trim()), written);
        }
    }

    @org.junit.jupiter.api.Test
    void aClaimNotInTheCacheKeepsThePodFromBeingBound() {
        Pod pod = decode("""
                apiVersion: v1
                kind: Pod
                metadata: {name: p, namespace: default, uid: u1}
                spec:
                  containers: [{name: c, image: busybox}]
                  volumes: [{name: v, persistentVolumeClaim: {claimName: not-yet}}]
                """, Pod.class);
        VolumeBindingPlugin plugin = VolumeBindingPlugin.create(new Handle((ns, p, n) -> { }, Handle.VolumeLister.NONE));
        Status status = plugin.preBind(pod, "n1");
        assertEquals(Status.Code.ERROR, status.code(), status::toString);
        assertEquals(true, status.message().contains("not-yet"), status::toString);
    }

    /** {@code name:node[:claimName]}: 1Mi, ReadWriteOnce, required affinity to the node, class like the claim's. */
    static PersistentVolume volume(String[] parts, String storageClass) {
        String claimRef = parts.length > 2 ? "claimRef: {namespace: default, name: " + parts[2] + "}" : "";
        return decode("""
                apiVersion: v1
                kind: PersistentVolume
                metadata: {name: %s}
                spec:
                  capacity: {storage: 1Mi}
                  accessModes: [ReadWriteOnce]
                  storageClassName: %s
                  hostPath: {path: /tmp/pv}
                  nodeAffinity: {required: {nodeSelectorTerms: [{matchExpressions: [{key: kubernetes.io/hostname, operator: In, values: [%s]}]}]}}
                  %s
                """.formatted(parts[0], storageClass, parts[1], claimRef), PersistentVolume.class);
    }

    static <T> T decode(String yaml, Class<T> type) {
        try {
            return Codec.fromYaml(yaml, type).value();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
