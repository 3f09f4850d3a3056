package io.tugboat.api.labels;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * One condition of a label {@link Selector}: a key, an {@link Operator} and a set of values, as
 * Kubernetes' {@code labels.Requirement}. {@code tier in (frontend,cache)} is
 * {@code new Requirement("tier", Operator.IN, Set.of("frontend", "cache"))}.
 *
 * <p>The constructor enforces what Kubernetes' {@code NewRequirement} enforces, so a
 * {@code Requirement} that exists is valid: the key and every value have label syntax;
 * {@code IN}/{@code NOT_IN} have at least one value; the equality operators and
 * {@code GREATER_THAN}/{@code LESS_THAN} exactly one (an integer for the latter two);
 * {@code EXISTS}/{@code DOES_NOT_EXIST} none. The empty string is a valid value.
 *
 * @param key the label key, e.g. {@code app.kubernetes.io/name}
 * @param operator how the label's value is tested
 * @param values the values to test against; kept as an immutable set that iterates in sorted
 *     order, which is the order {@link #toString()} prints them in
 */
public record Requirement(String key, Operator operator, Set<String> values) {

    /**
     * Builds and validates a requirement.
     *
     * @throws IllegalArgumentException listing every problem, separated by {@code "; "}
     */
    public Requirement {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(operator, "operator");
        Objects.requireNonNull(values, "values");
        List<String> problems = validate(key, operator, values);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        values = Collections.unmodifiableSortedSet(new TreeSet<>(values));
    }

    /**
     * Builds a requirement from values listed inline, e.g.
     * {@code new Requirement("tier", Operator.IN, "frontend", "cache")} or
     * {@code new Requirement("canary", Operator.DOES_NOT_EXIST)}.
     */
    public Requirement(String key, Operator operator, String... values) {
        this(key, operator, new TreeSet<>(Arrays.asList(values)));
    }

    /**
     * The problems that would stop {@code new Requirement(key, operator, values)}, in Kubernetes'
     * words; empty when the requirement is valid. Lets validation report them without catching.
     */
    public static List<String> validate(String key, Operator operator, Collection<String> values) {
        List<String> problems = new ArrayList<>();
        List<String> keyProblems = LabelSyntax.validateKey(key);
        if (!keyProblems.isEmpty()) {
            problems.add("invalid label key \"" + key + "\": " + String.join("; ", keyProblems));
        }
        switch (operator) {
            case IN, NOT_IN -> {
                if (values.isEmpty()) {
                    problems.add("for 'in', 'notin' operators, values set can't be empty");
                }
            }
            case EQUALS, DOUBLE_EQUALS, NOT_EQUALS -> {
                if (values.size() != 1) {
                    problems.add("exact-match compatibility requires one single value");
                }
            }
            case EXISTS, DOES_NOT_EXIST -> {
                if (!values.isEmpty()) {
                    problems.add("values set must be empty for exists and does not exist");
                }
            }
            case GREATER_THAN, LESS_THAN -> {
                if (values.size() != 1) {
                    problems.add("for 'Gt', 'Lt' operators, exactly one value is required");
                }
                for (String value : values) {
                    if (parseInteger(value) == null) {
                        problems.add("for 'Gt', 'Lt' operators, the value must be an integer");
                    }
                }
            }
        }
        for (String value : values) {
            List<String> valueProblems = LabelSyntax.validateValue(value);
            if (!valueProblems.isEmpty()) {
                problems.add("invalid label value \"" + value + "\": " + String.join("; ", valueProblems));
            }
        }
        return List.copyOf(problems);
    }

    /**
     * Whether a set of labels satisfies this requirement. Note the negative operators:
     * {@code NOT_IN}, {@code NOT_EQUALS} and {@code DOES_NOT_EXIST} all match an object that does
     * not have the label at all, while {@code GREATER_THAN}/{@code LESS_THAN} never match a missing
     * or non-integer label.
     *
     * @param labels the object's labels; {@code null} means no labels
     */
    public boolean matches(Map<String, String> labels) {
        String actual = labels == null ? null : labels.get(key);
        boolean present = actual != null;
        return switch (operator) {
            case IN, EQUALS, DOUBLE_EQUALS -> present && values.contains(actual);
            case NOT_IN, NOT_EQUALS -> !present || !values.contains(actual);
            case EXISTS -> present;
            case DOES_NOT_EXIST -> !present;
            case GREATER_THAN, LESS_THAN -> {
                Long have = present ? parseInteger(actual) : null;
                if (have == null) {
                    yield false;
                }
                long bound = parseInteger(values.iterator().next());
                yield operator == Operator.GREATER_THAN ? have > bound : have < bound;
            }
        };
    }

    /** Kubernetes' query-string form: {@code !key}, {@code key}, {@code key!=v}, {@code key in (a,b)}, {@code key>5}. */
    @Override
    public String toString() {
        String joined = String.join(",", values);
        return switch (operator) {
            case EXISTS -> key;
            case DOES_NOT_EXIST -> "!" + key;
            case EQUALS -> key + "=" + joined;
            case DOUBLE_EQUALS -> key + "==" + joined;
            case NOT_EQUALS -> key + "!=" + joined;
            case IN -> key + " in (" + joined + ")";
            case NOT_IN -> key + " notin (" + joined + ")";
            case GREATER_THAN -> key + ">" + joined;
            case LESS_THAN -> key + "<" + joined;
        };
    }

    /** A 64-bit integer as Go's {@code strconv.ParseInt(s, 10, 64)} reads it, or null. */
    private static Long parseInteger(String s) {
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
