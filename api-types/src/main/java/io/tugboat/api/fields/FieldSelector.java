package io.tugboat.api.fields;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A field selector: the AND of equality tests on an object's fields, as Kubernetes'
 * {@code fields.Selector}. {@code spec.nodeName=node-1,status.phase!=Succeeded} selects objects
 * whose {@code spec.nodeName} is {@code node-1} and whose {@code status.phase} is anything but
 * {@code Succeeded}.
 *
 * <p>Only {@code =}, {@code ==} (the same test) and {@code !=} exist; there is no set or
 * existence operator. A field the object does not have counts as the empty string, so
 * {@code !=} selects it. Which field names are allowed is decided per kind by the API server,
 * not here.
 *
 * <p>In values, {@code \,}, {@code \=} and {@code \\} stand for a literal comma, equals sign and
 * backslash; an unescaped {@code ,} or {@code =} in a value, or any other backslash sequence, is an
 * error. Field names are taken literally up to the first operator. Whitespace is not trimmed,
 * as in Kubernetes.
 *
 * <p>Instances are immutable; {@link #toString()} is canonical (terms sorted, values escaped) and
 * parses back to an equal selector.
 */
public final class FieldSelector {

    /** The two field tests. */
    public enum Operator {
        /** {@code field=value} or {@code field==value}: the field equals the value. */
        EQUALS("="),
        /** {@code field!=value}: the field differs from the value, or is absent. */
        NOT_EQUALS("!=");

        private final String symbol;

        Operator(String symbol) {
            this.symbol = symbol;
        }

        /** The canonical spelling in a query string. */
        public String symbol() {
            return symbol;
        }
    }

    /**
     * One test of a field against a literal value.
     *
     * @param field the field path, e.g. {@code metadata.name}
     * @param operator the test
     * @param value the unescaped literal value
     */
    public record Requirement(String field, Operator operator, String value) {
        public Requirement {
            Objects.requireNonNull(field, "field");
            Objects.requireNonNull(operator, "operator");
            Objects.requireNonNull(value, "value");
        }

        /** Whether an object passes; {@code fieldValue} returns the field's value, or null when absent. */
        public boolean matches(Function<String, String> fieldValue) {
            String actual = Objects.requireNonNullElse(fieldValue.apply(field), "");
            return (operator == Operator.EQUALS) == actual.equals(value);
        }

        /** {@code field=value} or {@code field!=value}, with the value escaped. */
        @Override
        public String toString() {
            return field + operator.symbol() + escapeValue(value);
        }
    }

    private static final FieldSelector EVERYTHING = new FieldSelector(List.of());

    private final List<Requirement> requirements;

    private FieldSelector(List<Requirement> requirements) {
        this.requirements = requirements;
    }

    /** The selector with no requirements; it selects every object. */
    public static FieldSelector everything() {
        return EVERYTHING;
    }

    /** A selector with one {@code field=value} test, e.g. {@code equalTo("spec.nodeName", "node-1")}. */
    public static FieldSelector equalTo(String field, String value) {
        return new FieldSelector(List.of(new Requirement(field, Operator.EQUALS, value)));
    }

    /**
     * Parses a comma-separated list of {@code field=value}, {@code field==value} and
     * {@code field!=value} terms, as in {@code kubectl get pods --field-selector} or the
     * {@code fieldSelector} query parameter. Empty terms are skipped, so {@code ""} is
     * {@link #everything()}.
     *
     * @throws IllegalArgumentException for a term without one of those operators (such as
     *     {@code a>b} or {@code a in (b)}) or a badly escaped value
     */
    public static FieldSelector parse(String selector) {
        List<String> terms = splitTerms(selector);
        // Sorting the raw terms, as Kubernetes does, gives one canonical order.
        Collections.sort(terms);
        List<Requirement> requirements = new ArrayList<>();
        for (String term : terms) {
            if (term.isEmpty()) {
                continue;
            }
            requirements.add(parseTerm(selector, term));
        }
        return requirements.isEmpty() ? EVERYTHING : new FieldSelector(List.copyOf(requirements));
    }

    /** Splits on commas that are not escaped; the backslashes stay for {@link #unescapeValue}. */
    private static List<String> splitTerms(String selector) {
        List<String> terms = new ArrayList<>();
        int start = 0;
        boolean escaped = false;
        for (int i = 0; i < selector.length(); i++) {
            char c = selector.charAt(i);
            if (escaped) {
                escaped = false;
            } else if (c == '\\') {
                escaped = true;
            } else if (c == ',') {
                terms.add(selector.substring(start, i));
                start = i + 1;
            }
        }
        terms.add(selector.substring(start));
        return terms;
    }

    /** The field name ends at the first operator; "!=" and "==" are tried before "=" at each position. */
    private static Requirement parseTerm(String selector, String term) {
        for (int i = 0; i < term.length(); i++) {
            if (term.startsWith("!=", i)) {
                return new Requirement(term.substring(0, i), Operator.NOT_EQUALS, unescapeValue(term.substring(i + 2)));
            }
            if (term.startsWith("==", i)) {
                return new Requirement(term.substring(0, i), Operator.EQUALS, unescapeValue(term.substring(i + 2)));
            }
            if (term.charAt(i) == '=') {
                return new Requirement(term.substring(0, i), Operator.EQUALS, unescapeValue(term.substring(i + 1)));
            }
        }
        throw new IllegalArgumentException("invalid selector: '" + selector + "'; can't understand '" + term
                + "' (field selectors support only '=', '==' and '!=')");
    }

    /** Escapes {@code \}, {@code ,} and {@code =} so that any string can be used as a value. */
    public static String escapeValue(String value) {
        return value.replace("\\", "\\\\").replace(",", "\\,").replace("=", "\\=");
    }

    /**
     * Reverses {@link #escapeValue}.
     *
     * @throws IllegalArgumentException for an unknown escape such as {@code \n}, a trailing single
     *     backslash, or an unescaped {@code ,} or {@code =}
     */
    public static String unescapeValue(String value) {
        StringBuilder sb = new StringBuilder(value.length());
        boolean escaped = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (escaped) {
                if (c != '\\' && c != ',' && c != '=') {
                    throw new IllegalArgumentException("invalid field selector: invalid escape sequence: \\" + c);
                }
                sb.append(c);
                escaped = false;
            } else if (c == '\\') {
                escaped = true;
            } else if (c == ',' || c == '=') {
                throw new IllegalArgumentException("invalid field selector: unescaped character in value: '" + c + "'");
            } else {
                sb.append(c);
            }
        }
        if (escaped) {
            throw new IllegalArgumentException("invalid field selector: invalid escape sequence: \\");
        }
        return sb.toString();
    }

    /**
     * Whether an object passes every test.
     *
     * @param fieldValue looks up a field of the object by name, e.g. {@code "metadata.name"};
     *     returns null (or "") for a field the object does not have
     */
    public boolean matches(Function<String, String> fieldValue) {
        for (Requirement requirement : requirements) {
            if (!requirement.matches(fieldValue)) {
                return false;
            }
        }
        return true;
    }

    /** Whether there are no tests, so that every object is selected. */
    public boolean isEmpty() {
        return requirements.isEmpty();
    }

    /** The tests, in canonical order. */
    public List<Requirement> requirements() {
        return requirements;
    }

    /**
     * The value this selector demands for {@code field}, if an {@code =} test names it. The API
     * server uses this to answer {@code spec.nodeName=node-1} from an index instead of a scan.
     */
    public Optional<String> requiresExactMatch(String field) {
        return requirements.stream()
                .filter(r -> r.operator() == Operator.EQUALS && r.field().equals(field))
                .map(Requirement::value)
                .findFirst();
    }

    /** The canonical query string; {@code ==} is printed as {@code =}. */
    @Override
    public String toString() {
        return requirements.stream().map(Requirement::toString).collect(Collectors.joining(","));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FieldSelector other && requirements.equals(other.requirements);
    }

    @Override
    public int hashCode() {
        return requirements.hashCode();
    }
}
