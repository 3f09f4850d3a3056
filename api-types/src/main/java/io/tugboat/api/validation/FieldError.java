package io.tugboat.api.validation;

import io.tugboat.api.meta.StatusCause;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * One problem with one field: what kind of problem, where, the offending value and a detail sentence.
 *
 * <p>The factories mirror apimachinery's {@code field.Required}, {@code field.Invalid} and friends, and
 * {@link #body()} renders the message exactly as Kubernetes' {@code ErrorBody} does:
 * <pre>
 * Required value
 * Required value: must specify a volume type
 * Invalid value: "Web": a lowercase RFC 1123 label must consist of ...
 * Invalid value: -1: must be greater than or equal to 0
 * Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"
 * Duplicate value: "web"
 * Forbidden: may not be set for init containers without restartPolicy=Always
 * Too long: may not be more than 262144 bytes
 * </pre>
 * Values print like Go prints them: strings quoted ({@code "x"}), integers and booleans bare, anything else
 * (maps, lists, objects, int-or-strings) as compact JSON. See {@link GoFormat}.
 *
 * @param type     the kind of problem
 * @param field    the path, as printed ({@code spec.containers[0].image}); empty for the whole object
 * @param badValue the offending value (ignored when {@code type} does not print values)
 * @param detail   the explanation after the value; empty for none
 */
public record FieldError(ErrorType type, String field, Object badValue, String detail) {

    public FieldError {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(field, "field");
        detail = detail == null ? "" : detail;
    }

    /** A required value is missing ({@code Required value[: detail]}). */
    public static FieldError required(FieldPath path, String detail) {
        return new FieldError(ErrorType.REQUIRED, path.toString(), "", detail);
    }

    /** A value is malformed or out of range. */
    public static FieldError invalid(FieldPath path, Object value, String detail) {
        return new FieldError(ErrorType.INVALID, path.toString(), value, detail);
    }

    /** A value is not one of an enumeration; {@code supported} is listed in the given order. */
    public static FieldError notSupported(FieldPath path, Object value, List<String> supported) {
        String detail = supported.isEmpty() ? "" : "supported values: "
                + supported.stream().map(GoFormat::quote).collect(Collectors.joining(", "));
        return new FieldError(ErrorType.NOT_SUPPORTED, path.toString(), value, detail);
    }

    /** A value that must be unique appears twice. */
    public static FieldError duplicate(FieldPath path, Object value) {
        return new FieldError(ErrorType.DUPLICATE, path.toString(), value, "");
    }

    /** A well-formed value that is not allowed here. */
    public static FieldError forbidden(FieldPath path, String detail) {
        return new FieldError(ErrorType.FORBIDDEN, path.toString(), "", detail);
    }

    /** A value longer than {@code maxLength} bytes (the value itself is never printed). */
    public static FieldError tooLong(FieldPath path, int maxLength) {
        String detail = maxLength >= 0
                ? "may not be more than " + maxLength + (maxLength == 1 ? " byte" : " bytes")
                : "value is too long";
        return new FieldError(ErrorType.TOO_LONG, path.toString(), "", detail);
    }

    /** A list with more than {@code max} items. */
    public static FieldError tooMany(FieldPath path, int actual, int max) {
        String detail = max >= 0 ? "must have at most " + max + (max == 1 ? " item" : " items") : "has too many items";
        return new FieldError(ErrorType.TOO_MANY, path.toString(), actual, detail);
    }

    /** A reference to something that does not exist (a volume mount naming no volume). */
    public static FieldError notFound(FieldPath path, Object value) {
        return new FieldError(ErrorType.NOT_FOUND, path.toString(), value, "");
    }

    /** The same error with another detail (Kubernetes does this for a few duplicate checks). */
    public FieldError withDetail(String newDetail) {
        return new FieldError(type, field, badValue, newDetail);
    }

    /** The message without the field, as it goes into {@code StatusCause.message}. */
    public String body() {
        StringBuilder s = new StringBuilder(type.label());
        if (type.printsValue()) {
            s.append(": ").append(GoFormat.value(badValue));
        }
        if (!detail.isEmpty()) {
            s.append(": ").append(detail);
        }
        return s.toString();
    }

    /** The cause the API server puts into a 422 {@code Status}; an empty field is left out, as in Kubernetes. */
    public StatusCause toStatusCause() {
        return new StatusCause(type.reason(), body(), field.isEmpty() ? null : field);
    }

    /** {@code field: body}, the form used in the aggregate message. */
    @Override
    public String toString() {
        return field + ": " + body();
    }
}
