package io.tugboat.api.validation;

import static io.tugboat.api.validation.Causes.forbidden;
import static io.tugboat.api.validation.Causes.invalid;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tugboat.api.core.Pod;
import io.tugboat.api.defaulting.Defaulter;
import io.tugboat.api.meta.StatusCause;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** What may change in a running pod ({@code ValidatePodUpdate}): images, a shorter deadline, more tolerations. */
class PodUpdateValidationTest {

    private static final String STORED = """
            apiVersion: v1
            kind: Pod
            metadata: {name: web, namespace: default, uid: u1, resourceVersion: '7'}
            spec:
              containers: [{name: web, image: 'tugboat/web:1.0'}]
              activeDeadlineSeconds: 60
              tolerations: [{key: dedicated, operator: Equal, value: web, effect: NoSchedule}]
            """;
    private static final String UPDATABLE = "`spec.containers[*].image`,`spec.initContainers[*].image`,"
            + "`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),"
            + "`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)";

    static Stream<Case> updates() {
        return Stream.of(
                Case.of("a new image may be rolled into a running pod", STORED,
                        "spec: {containers: [{name: web, image: 'tugboat/web:1.1'}]}"),
                Case.of("the deadline may be shortened", STORED, "spec: {activeDeadlineSeconds: 30}"),
                Case.of("the deadline may not be lengthened", STORED, "spec: {activeDeadlineSeconds: 100}",
                        invalid("spec.activeDeadlineSeconds", "100: must be less than or equal to previous value")),
                Case.of("the deadline may not be removed", STORED, "spec: {activeDeadlineSeconds: null}",
                        invalid("spec.activeDeadlineSeconds", "null: must not update from a positive integer to nil value")),
                Case.of("a toleration may be added", STORED,
                        "spec: {tolerations: [{key: dedicated, operator: Equal, value: web, effect: NoSchedule}, {key: gpu, operator: Exists}]}"),
                Case.of("an existing toleration may not change", STORED,
                        "spec: {tolerations: [{key: dedicated, operator: Equal, value: db, effect: NoSchedule}]}",
                        forbidden("spec.tolerations", "existing toleration can not be modified except its tolerationSeconds")),
                Case.of("a container may not be added", STORED,
                        "spec: {containers: [{name: web, image: 'tugboat/web:1.0'}, {name: sidecar, image: 'busybox:1'}]}",
                        forbidden("spec.containers", "pod updates may not add or remove containers")),
                Case.of("anything else is frozen, and the message shows what changed", STORED, "spec: {restartPolicy: Never}",
                        forbidden("spec", "pod updates may not change fields other than " + UPDATABLE
                                + "\n- restartPolicy: \"Always\"\n+ restartPolicy: \"Never\"")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("updates")
    void acceptsOnlyTheChangesKubernetesAccepts(Case c) {
        Pod old = Defaulter.apply((Pod) Manifests.decode(STORED));
        List<StatusCause> causes = Validator.validateUpdate(Defaulter.apply(c.object()), old);
        assertEquals(c.expected(), causes);
    }
}
