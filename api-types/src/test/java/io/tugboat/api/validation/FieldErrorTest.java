package io.tugboat.api.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tugboat.api.IntOrString;
import io.tugboat.api.meta.StatusCause;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The wording of each error type and the printing of values, against apimachinery's {@code field.Error}. */
class FieldErrorTest {

    private static final FieldPath IMAGE = FieldPath.root("spec").child("containers").index(0).child("image");

    static Stream<Arguments> paths() {
        return Stream.of(
                Arguments.of("a root field prints its name", FieldPath.root("spec"), "spec"),
                Arguments.of("children are joined with dots", FieldPath.root("spec", "template").child("metadata", "labels"),
                        "spec.template.metadata.labels"),
                Arguments.of("indexes are bracketed", IMAGE, "spec.containers[0].image"),
                Arguments.of("map keys are bracketed without quotes", FieldPath.root("data").key("tls.crt"), "data[tls.crt]"),
                Arguments.of("a key can be followed by a child", FieldPath.root("spec").child("resources").key("storage"),
                        "spec.resources[storage]"),
                Arguments.of("an empty root prints nothing", FieldPath.root(""), ""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("paths")
    void printsPathsLikeKubernetes(String name, FieldPath path, String expected) {
        assertEquals(expected, path.toString());
    }

    static Stream<Arguments> errors() {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("tier", "web");
        labels.put("app", "shop");
        return Stream.of(
                Arguments.of("required without detail", FieldError.required(IMAGE, ""),
                        "FieldValueRequired", "Required value"),
                Arguments.of("required with detail", FieldError.required(IMAGE, "must specify a volume type"),
                        "FieldValueRequired", "Required value: must specify a volume type"),
                Arguments.of("invalid quotes a string value", FieldError.invalid(IMAGE, "x", "bad"),
                        "FieldValueInvalid", "Invalid value: \"x\": bad"),
                Arguments.of("invalid prints a number bare", FieldError.invalid(IMAGE, -1L, "must be greater than or equal to 0"),
                        "FieldValueInvalid", "Invalid value: -1: must be greater than or equal to 0"),
                Arguments.of("invalid prints a map as JSON with sorted keys", FieldError.invalid(IMAGE, labels, "mismatch"),
                        "FieldValueInvalid", "Invalid value: {\"app\":\"shop\",\"tier\":\"web\"}: mismatch"),
                Arguments.of("invalid prints a percent int-or-string as a JSON string", FieldError.invalid(IMAGE, IntOrString.of("5"), "bad"),
                        "FieldValueInvalid", "Invalid value: \"5\": bad"),
                Arguments.of("invalid prints null as null", FieldError.invalid(IMAGE, null, "gone"),
                        "FieldValueInvalid", "Invalid value: null: gone"),
                Arguments.of("invalid escapes quotes the Go way", FieldError.invalid(IMAGE, "a\"b\n", "bad"),
                        "FieldValueInvalid", "Invalid value: \"a\\\"b\\n\": bad"),
                Arguments.of("unsupported lists the supported values quoted",
                        FieldError.notSupported(IMAGE, "Sometimes", List.of("Always", "OnFailure", "Never")),
                        "FieldValueNotSupported", "Unsupported value: \"Sometimes\": supported values: \"Always\", \"OnFailure\", \"Never\""),
                Arguments.of("duplicate prints the value", FieldError.duplicate(IMAGE, "web"),
                        "FieldValueDuplicate", "Duplicate value: \"web\""),
                Arguments.of("forbidden prints only the detail", FieldError.forbidden(IMAGE, "may not be set"),
                        "FieldValueForbidden", "Forbidden: may not be set"),
                Arguments.of("too long never prints the value", FieldError.tooLong(IMAGE, 63),
                        "FieldValueTooLong", "Too long: may not be more than 63 bytes"),
                Arguments.of("too long says byte for a limit of one", FieldError.tooLong(IMAGE, 1),
                        "FieldValueTooLong", "Too long: may not be more than 1 byte"),
                Arguments.of("too many prints the count", FieldError.tooMany(IMAGE, 30, 20),
                        "FieldValueTooMany", "Too many: 30: must have at most 20 items"),
                Arguments.of("not found prints the value", FieldError.notFound(IMAGE, "data"),
                        "FieldValueNotFound", "Not found: \"data\""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("errors")
    void rendersReasonAndMessageLikeKubernetes(String name, FieldError error, String reason, String message) {
        assertEquals(new StatusCause(reason, message, "spec.containers[0].image"), error.toStatusCause());
    }

    @Test
    void aCauseOnTheWholeObjectHasNoField() {
        assertEquals(new StatusCause("FieldValueTooLong", "Too long: may not be more than 1048576 bytes", null),
                FieldError.tooLong(FieldPath.root(""), 1048576).toStatusCause());
    }

    @Test
    void anErrorPrintsAsFieldColonMessage() {
        assertEquals("spec.containers[0].image: Required value", FieldError.required(IMAGE, "").toString());
    }
}
