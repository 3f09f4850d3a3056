package io.tugboat.api.validation;

import static io.tugboat.api.validation.Causes.invalid;
import static io.tugboat.api.validation.Causes.notSupported;
import static io.tugboat.api.validation.Causes.required;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tugboat.api.apps.Deployment;
import io.tugboat.api.core.ConfigMap;
import io.tugboat.api.core.Pod;
import io.tugboat.api.meta.ObjectMeta;
import io.tugboat.api.meta.StatusCause;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The aggregate message of a 422, as {@code apierrors.NewInvalid} builds it. */
class ValidatorMessageTest {

    private static final StatusCause IMAGE = required("spec.containers[0].image");
    private static final StatusCause RESTART = notSupported("spec.restartPolicy",
            "\"Sometimes\": supported values: \"Always\", \"OnFailure\", \"Never\"");

    static Stream<Arguments> messages() {
        return Stream.of(
                Arguments.of("no causes leave just the head", List.of(), "Pod \"web\" is invalid"),
                Arguments.of("a single cause stands without brackets", List.of(IMAGE),
                        "Pod \"web\" is invalid: spec.containers[0].image: Required value"),
                Arguments.of("several causes are bracketed and comma-separated", List.of(IMAGE, RESTART),
                        "Pod \"web\" is invalid: [spec.containers[0].image: Required value, spec.restartPolicy: Unsupported value: "
                                + "\"Sometimes\": supported values: \"Always\", \"OnFailure\", \"Never\"]"),
                Arguments.of("a repeated cause appears once", List.of(IMAGE, IMAGE),
                        "Pod \"web\" is invalid: spec.containers[0].image: Required value"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("messages")
    void joinsCausesLikeKubernetes(String name, List<StatusCause> causes, String expected) {
        assertEquals(expected, Validator.message("Pod", "web", causes));
    }

    @Test
    void qualifiesTheKindWithItsGroup() {
        Deployment d = Deployment.of(new ObjectMeta("web", null, null, null, null, null, null, null, null, null, null,
                null, null, null), null, null);
        assertEquals("Deployment.apps \"web\" is invalid: spec.selector: Required value",
                Validator.message(d, List.of(required("spec.selector"))));
    }

    @Test
    void aCoreKindHasNoGroup() {
        Pod pod = Pod.of(new ObjectMeta("web", null, null, null, null, null, null, null, null, null, null, null, null,
                null), null, null);
        assertEquals("Pod", Validator.qualifiedKind(pod));
    }

    @Test
    void aCauseWithoutFieldPrintsAnEmptyField() {
        assertEquals("ConfigMap \"big\" is invalid: : Too long: may not be more than 1048576 bytes",
                Validator.message("ConfigMap", "big",
                        List.of(FieldError.tooLong(FieldPath.root(""), 1048576).toStatusCause())));
    }

    @Test
    void theNameIsQuotedTheGoWay() {
        assertEquals("Pod \"a\\\"b\" is invalid: x: Invalid value: 1: y",
                Validator.message("Pod", "a\"b", List.of(invalid("x", "1: y"))));
    }

    @Test
    void updatingAcrossKindsIsAProgrammingError() {
        ObjectMeta meta = new ObjectMeta("x", null, "default", null, null, null, null, null, null, null, null, null, null, null);
        assertThrows(IllegalArgumentException.class,
                () -> Validator.validateUpdate(ConfigMap.of(meta, null, null, null), Pod.of(meta, null, null)));
    }
}
