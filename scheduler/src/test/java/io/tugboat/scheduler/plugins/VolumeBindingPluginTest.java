package io.tugboat.scheduler.plugins;

import static io.tugboat.scheduler.Fixtures.node;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tugboat.api.Codec;
import io.tugboat.api.core.PersistentVolume;
import io.tugboat.api.core.PersistentVolumeClaim;
import io.tugboat.api.core.Pod;
import io.tugboat.scheduler.PluginHarness;
import io.tugboat.scheduler.framework.Handle;
import io.tugboat.scheduler.framework.PodInfo;
import io.tugboat.scheduler.framework.Status;
import io.tugboat.scheduler.plugins.volumebinding.VolumeBindingPlugin;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A pod goes where its bound volumes are: the VolumeBinding filter as a table over node n1 (zone a). */
class VolumeBindingPluginTest {
    static final Map<String, String> CLAIM_TO_VOLUME = Map.of(
            "on-n1", "pv-n1", "on-n2", "pv-n2", "anywhere", "pv-free", "zone-a", "pv-zone-a", "unbound", "");
    static final Map<String, String> VOLUME_AFFINITY = Map.of(
            "pv-n1", "{key: kubernetes.io/hostname, operator: In, values: [n1]}",
            "pv-n2", "{key: kubernetes.io/hostname, operator: In, values: [n2]}",
            "pv-zone-a", "{key: zone, operator: In, values: [a]}");

    static final Handle.VolumeLister LISTER = new Handle.VolumeLister() {
        @Override
        public Optional<PersistentVolumeClaim> claim(String namespace, String name) {
            if (!CLAIM_TO_VOLUME.containsKey(name)) {
                return Optional.empty();
            }
            return Optional.of(decode("""
                    apiVersion: v1
                    kind: PersistentVolumeClaim
                    metadata: {name: %s, namespace: default}
                    spec: {accessModes: [ReadWriteOnce], volumeName: "%s", resources: {requests: {storage: 1Mi}}}
                    """.formatted(name, CLAIM_TO_VOLUME.get(name)), PersistentVolumeClaim.class));
        }

        @Override
        public Optional<PersistentVolume> volume(String name) {
            String affinity = VOLUME_AFFINITY.get(name);
            return Optional.of(decode("""
                    apiVersion: v1
                    kind: PersistentVolume
                    metadata: {name: %s}
                    spec:
                      capacity: {storage: 1Mi}
                      accessModes: [ReadWriteOnce]
                      hostPath: {path: /tmp/%1$s}
                      %s
                    """.formatted(name, affinity == null ? ""
                    : "nodeAffinity: {required: {nodeSelectorTerms: [{matchExpressions: [" + affinity + "]}]}}"),
                    PersistentVolume.class));
        }
    };

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "no claims                                      |                 | SUCCESS",
            "a volume with no node affinity                 | anywhere        | SUCCESS",
            "a volume on this node                          | on-n1           | SUCCESS",
            "a volume on another node                       | on-n2           | UNSCHEDULABLE_AND_UNRESOLVABLE",
            "a volume in this node's zone                   | zone-a          | SUCCESS",
            "an unbound claim: the binder or provisioner    | unbound         | SUCCESS",
            "a claim not (yet) in the cache: the kubelet waits | missing      | SUCCESS",
            "every claim must fit                           | on-n1 on-n2     | UNSCHEDULABLE_AND_UNRESOLVABLE",
    })
    void keepsPodsWithTheirBoundVolumes(String name, String claims, Status.Code expected) {
        StringBuilder volumes = new StringBuilder();
        if (claims != null) {
            for (String claim : claims.trim().split("\\s+")) {
                volumes.append("{name: v-").append(claim).append(", persistentVolumeClaim: {claimName: ").append(claim)
                        .append("}},");
            }
        }
        Pod pod = decode("""
                apiVersion: v1
                kind: Pod
                metadata: {name: p, namespace: default, uid: u1}
                spec:
                  containers: [{name: c, image: busybox}]
                  volumes: [%s]
                """.formatted(volumes), Pod.class);
        Status status = PluginHarness.filter(VolumeBindingPlugin.create(new Handle((ns, p, n) -> { }, LISTER)),
                PodInfo.of(pod), node("n1").label("kubernetes.io/hostname", "n1").label("zone", "a").info());
        assertEquals(expected, status.code(), status::toString);
    }

    static <T> T decode(String yaml, Class<T> type) {
        try {
            return Codec.fromYaml(yaml, type).value();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
