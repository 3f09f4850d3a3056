package io.tugboat.kubectl.node;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tugboat.api.Codec;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DrainFilterTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "replicated pod is removed                 | ReplicaSet | false | Running   | false | false | false | REMOVE",
            "daemonset pod blocks without the flag     | DaemonSet  | false | Running   | false | false | false | BLOCK",
            "daemonset pod is skipped with the flag    | DaemonSet  | false | Running   | true  | false | false | SKIP",
            "bare pod blocks without force             |            | false | Running   | false | false | false | BLOCK",
            "bare pod is removed with force            |            | false | Running   | false | false | true  | REMOVE",
            "emptyDir blocks without the flag          | ReplicaSet | true  | Running   | false | false | false | BLOCK",
            "emptyDir is removed with the flag         | ReplicaSet | true  | Running   | false | true  | false | REMOVE",
            "a finished bare pod is always removed     |            | true  | Succeeded | false | false | false | REMOVE",
    })
    void decidesLikeKubectlsDrainFilters(String title, String owner, boolean emptyDir, String phase, boolean ignoreDaemonSets,
                                         boolean deleteEmptyDir, boolean force, DrainFilter.Verdict expected) throws Exception {
        String owners = owner == null ? "[]" : "[{\"kind\":\"" + owner + "\",\"name\":\"x\",\"controller\":true}]";
        String volumes = emptyDir ? "[{\"name\":\"v\",\"emptyDir\":{}}]" : "[]";
        String pod = "{\"metadata\":{\"name\":\"p\",\"ownerReferences\":" + owners + "},\"spec\":{\"volumes\":" + volumes
                + "},\"status\":{\"phase\":\"" + phase + "\"}}";
        DrainFilter filter = new DrainFilter(ignoreDaemonSets, deleteEmptyDir, force);
        assertEquals(expected, filter.decide(Codec.readTree(pod.getBytes(StandardCharsets.UTF_8), false)).verdict());
    }
}
