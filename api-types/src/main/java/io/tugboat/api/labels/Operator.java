package io.tugboat.api.labels;

/**
 * How a {@link Requirement} relates a label's value to its values set. The query-string symbol of
 * each operator is shown in brackets; see the package documentation for the full semantics.
 */
public enum Operator {
    /** {@code key in (a,b)}: the label is present and its value is one of the values. */
    IN("in"),
    /** {@code key notin (a,b)}: the label is absent, or its value is none of the values. */
    NOT_IN("notin"),
    /** {@code key=a}: the label is present with exactly this value. */
    EQUALS("="),
    /** {@code key==a}: the same as {@link #EQUALS}, another spelling. */
    DOUBLE_EQUALS("=="),
    /** {@code key!=a}: the label is absent, or present with another value. */
    NOT_EQUALS("!="),
    /** {@code key}: the label is present, whatever its value. */
    EXISTS("exists"),
    /** {@code !key}: the label is absent. */
    DOES_NOT_EXIST("!"),
    /**
     * {@code key>5}: the label is present and, read as an integer, greater than the value. The
     * value must also be a valid label value, so, as in Kubernetes, it cannot be negative.
     */
    GREATER_THAN("gt"),
    /** {@code key<5}: the label is present and, read as an integer, less than the value. */
    LESS_THAN("lt");

    private final String symbol;

    Operator(String symbol) {
        this.symbol = symbol;
    }

    /**
     * Kubernetes' name for the operator in {@code k8s.io/apimachinery/pkg/selection}, e.g.
     * {@code notin} or {@code gt}; used in error messages.
     */
    public String symbol() {
        return symbol;
    }

    /**
     * The operator named in an API object: {@code In}, {@code NotIn}, {@code Exists},
     * {@code DoesNotExist} as in a {@code LabelSelectorRequirement}, or {@code Gt}, {@code Lt} as
     * in a node affinity {@code NodeSelectorRequirement}.
     *
     * @throws IllegalArgumentException for any other name
     */
    public static Operator fromApiName(String name) {
        return switch (name) {
            case "In" -> IN;
            case "NotIn" -> NOT_IN;
            case "Exists" -> EXISTS;
            case "DoesNotExist" -> DOES_NOT_EXIST;
            case "Gt" -> GREATER_THAN;
            case "Lt" -> LESS_THAN;
            default -> throw new IllegalArgumentException('"' + name + "\" is not a valid label selector operator");
        };
    }
}
