package io.tugboat.kubectl.workload;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tugboat.api.Codec;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RolloutStatusTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "spec not observed yet | 2 | 1 | 3 | 0 | 0 | 0 | false | Waiting for deployment spec update to be observed...",
            "updating              | 2 | 2 | 3 | 1 | 4 | 1 | false | Waiting for deployment \"web\" rollout to finish: 1 out of 3 new replicas have been updated...",
            "old pods terminating  | 2 | 2 | 3 | 3 | 4 | 3 | false | Waiting for deployment \"web\" rollout to finish: 1 old replicas are pending termination...",
            "not yet available     | 2 | 2 | 3 | 3 | 3 | 1 | false | Waiting for deployment \"web\" rollout to finish: 1 of 3 updated replicas are available...",
            "done                  | 2 | 2 | 3 | 3 | 3 | 3 | true  | deployment \"web\" successfully rolled out",
    })
    void readsTheDeploymentAsKubectlsStatusViewer(String title, long generation, long observed, int replicas, int updated,
                                                  int total, int available, boolean done, String message) throws Exception {
        String json = """
                {"kind":"Deployment","metadata":{"name":"web","generation":%d},"spec":{"replicas":%d},
                 "status":{"observedGeneration":%d,"updatedReplicas":%d,"replicas":%d,"availableReplicas":%d}}
                """.formatted(generation, replicas, observed, updated, total, available);
        RolloutStatus status = RolloutStatus.of(Codec.readTree(json.getBytes(StandardCharsets.UTF_8), false));
        assertEquals(message + "\n", status.message());
        assertEquals(done, status.done());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "progress deadline exceeded | ProgressDeadlineExceeded | true",
            "still progressing          | ReplicaSetUpdated        | false",
    })
    void aDeploymentPastItsDeadlineFails(String title, String reason, boolean failed) throws Exception {
        String json = """
                {"kind":"Deployment","metadata":{"name":"web","generation":1},"spec":{"replicas":1},
                 "status":{"observedGeneration":1,"conditions":[{"type":"Progressing","status":"False","reason":"%s"}]}}
                """.formatted(reason);
        assertEquals(failed, RolloutStatus.of(Codec.readTree(json.getBytes(StandardCharsets.UTF_8), false)).failed());
    }
}
