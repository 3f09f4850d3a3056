package io.tugboat.controllermanager.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.tugboat.api.Codec;
import io.tugboat.api.apps.ControllerRevision;
import io.tugboat.api.apps.DaemonSet;
import io.tugboat.api.core.PodTemplateSpec;
import io.tugboat.api.meta.OwnerReference;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Revisions as Kubernetes' {@code pkg/controller/history} builds, compares and prunes them. */
class ControllerHistoryTest {
    static final OwnerReference REF = new OwnerReference("apps/v1", "DaemonSet", "agent", "uid-1", true, true);

    static DaemonSet ds(String image) throws Exception {
        return Codec.fromYaml("""
                apiVersion: apps/v1
                kind: DaemonSet
                metadata: {name: agent, namespace: default, uid: uid-1}
                spec:
                  selector: {matchLabels: {app: agent}}
                  template:
                    metadata: {labels: {app: agent}}
                    spec:
                      terminationGracePeriodSeconds: 30
                      containers: [{name: c, image: "%s"}]
                """.formatted(image), DaemonSet.class).value();
    }

    static ControllerRevision revision(String image, long number) throws Exception {
        DaemonSet ds = ds(image);
        return ControllerHistory.newRevision(ds, REF, ds.spec().template().metadata().labels(),
                ControllerHistory.patchFor(ds.spec().template()), number, null);
    }

    @Test
    void aRevisionIsNamedByItsHashLabelledForTheSelectorAndReplacesTheTemplate() throws Exception {
        ControllerRevision r = revision("busybox:1", 1);
        String hash = ControllerHistory.hashOf(r);
        assertEquals("agent-" + hash, r.metadata().name());
        assertEquals("agent", r.metadata().labels().get("app"));
        assertEquals("replace", r.data().path("spec").path("template").path("$patch").asText());
        PodTemplateSpec template = ControllerHistory.templateOf(r);
        assertEquals("busybox:1", template.spec().containers().get(0).image());
        assertNotEquals(hash, ControllerHistory.hashOf(revision("busybox:2", 1)), "another template, another hash");
        assertNotEquals(hash, ControllerHistory.hash(r.data(), 1), "a collision count changes the hash");
    }

    @Test
    void aRevisionReadBackFromJsonEqualsTheOneBuilt() throws Exception {
        ControllerRevision built = revision("busybox:1", 1);
        JsonNode tree = Codec.json().readTree(Codec.toJson(built));
        ControllerRevision readBack = Codec.fromTree(tree, ControllerRevision.class).value();
        assertTrue(ControllerHistory.equal(built, readBack), "numbers read back as ints still equal our longs");
        assertEquals(ControllerHistory.hash(built.data(), null), ControllerHistory.hash(readBack.data(), null));
    }

    @Test
    void pruningKeepsTheLimitTheLiveAndTheCurrent() throws Exception {
        List<ControllerRevision> all = List.of(revision("a", 1), revision("b", 2), revision("c", 3), revision("d", 4),
                revision("e", 5));
        String liveHash = ControllerHistory.hashOf(all.get(0));
        String current = all.get(4).metadata().name();
        List<ControllerRevision> pruned = ControllerHistory.toPrune(all, Set.of(liveHash), Set.of(current), 1);
        assertEquals(List.of(2L, 3L), pruned.stream().map(ControllerRevision::revision).toList(),
                "1 runs a pod, 5 is current, 4 is the one old revision kept");
        assertEquals(List.of(), ControllerHistory.toPrune(all, Set.of(), Set.of(current), 10));
    }
}
