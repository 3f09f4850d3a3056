package io.tugboat.controllermanager.statefulset;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tugboat.api.Codec;
import io.tugboat.api.apps.StatefulSet;
import io.tugboat.api.core.PersistentVolumeClaim;
import io.tugboat.api.core.Pod;
import io.tugboat.api.meta.OwnerReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A StatefulSet pod's identity: name, labels, hostname, subdomain and claims. */
class StatefulPodsTest {
    static StatefulSet set() throws Exception {
        return Codec.fromYaml("""
                apiVersion: apps/v1
                kind: StatefulSet
                metadata: {name: web, namespace: default, uid: uid-1}
                spec:
                  serviceName: web-svc
                  selector: {matchLabels: {app: web}}
                  template:
                    metadata: {labels: {app: web}}
                    spec:
                      containers: [{name: c, image: busybox, volumeMounts: [{name: data, mountPath: /data}]}]
                      volumes: [{name: data, emptyDir: {}}, {name: scratch, emptyDir: {}}]
                  volumeClaimTemplates:
                  - metadata: {name: data, labels: {tier: storage}}
                    spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Mi}}}
                """, StatefulSet.class).value();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"web-0, 0", "web-12, 12", "web-, -1", "web-01, -1", "web-x, -1", "webby-1, -1", "other-1, -1",
            "web-1-2, -1"})
    void readsTheOrdinalOnlyFromTheSetsOwnNames(String name, int ordinal) throws Exception {
        assertEquals(ordinal, StatefulPods.ordinal(set(), name));
    }

    @Test
    void aPodHasItsStableNameHostnameLabelsAndItsOwnClaim() throws Exception {
        StatefulSet set = set();
        Pod pod = StatefulPods.newPod(set, set.spec().template(),
                new OwnerReference("apps/v1", "StatefulSet", "web", "uid-1", true, true), 2, "web-abc");
        assertEquals("web-2", pod.metadata().name());
        assertEquals("web-2", pod.spec().hostname());
        assertEquals("web-svc", pod.spec().subdomain());
        assertEquals("web-2", pod.metadata().labels().get(StatefulPods.POD_NAME_LABEL));
        assertEquals("2", pod.metadata().labels().get(StatefulPods.POD_INDEX_LABEL));
        assertEquals("web-abc", pod.metadata().labels().get("controller-revision-hash"));
        assertEquals(2, pod.spec().volumes().size(), "the claim replaces the template's volume of the same name");
        assertEquals("data-web-2", pod.spec().volumes().get(0).persistentVolumeClaim().claimName());
        assertEquals("scratch", pod.spec().volumes().get(1).name());

        PersistentVolumeClaim claim = StatefulPods.newClaim(set, set.spec().volumeClaimTemplates().get(0), 2, null);
        assertEquals("data-web-2", claim.metadata().name());
        assertEquals("storage", claim.metadata().labels().get("tier"));
        assertEquals("web", claim.metadata().labels().get("app"));
        assertEquals(null, claim.metadata().ownerReferences(), "retained claims have no owner");
    }
}
