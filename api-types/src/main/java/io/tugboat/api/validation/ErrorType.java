package io.tugboat.api.validation;

/**
 * The kinds of field problem Kubernetes reports, each with the machine-readable reason that goes into
 * {@code StatusCause.reason} and the human label that starts {@code StatusCause.message}.
 *
 * <p>The labels and reasons are those of apimachinery's {@code field.ErrorType}. Four types never print the
 * offending value ({@link #REQUIRED}, {@link #FORBIDDEN}, {@link #TOO_LONG}, {@link #INTERNAL}): a missing value has
 * nothing to print, and a too-long one would flood the message.
 */
public enum ErrorType {
    NOT_FOUND("FieldValueNotFound", "Not found", true),
    REQUIRED("FieldValueRequired", "Required value", false),
    DUPLICATE("FieldValueDuplicate", "Duplicate value", true),
    INVALID("FieldValueInvalid", "Invalid value", true),
    NOT_SUPPORTED("FieldValueNotSupported", "Unsupported value", true),
    FORBIDDEN("FieldValueForbidden", "Forbidden", false),
    TOO_LONG("FieldValueTooLong", "Too long", false),
    TOO_MANY("FieldValueTooMany", "Too many", true),
    INTERNAL("InternalError", "Internal error", false);

    private final String reason;
    private final String label;
    private final boolean printsValue;

    ErrorType(String reason, String label, boolean printsValue) {
        this.reason = reason;
        this.label = label;
        this.printsValue = printsValue;
    }

    /** The {@code StatusCause.reason}, e.g. {@code FieldValueRequired}. */
    public String reason() {
        return reason;
    }

    /** The start of the message, e.g. {@code Required value}. */
    public String label() {
        return label;
    }

    /** Whether the message shows the offending value after the label. */
    public boolean printsValue() {
        return printsValue;
    }
}
