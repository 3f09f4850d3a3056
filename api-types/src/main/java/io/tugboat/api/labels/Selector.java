package io.tugboat.api.labels;

import io.tugboat.api.meta.LabelSelector;
import io.tugboat.api.meta.LabelSelectorRequirement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A label selector: the AND of zero or more {@link Requirement}s, as Kubernetes'
 * {@code labels.Selector}. An object is selected when its labels satisfy every requirement.
 *
 * <p>Three shapes matter:
 * <ul>
 *   <li>{@link #everything()} — no requirements; selects every object. This is what an empty
 *       selector ({@code ""}, or a {@code LabelSelector} with nothing in it) means.</li>
 *   <li>{@link #nothing()} — selects no object. This is what an <em>absent</em>
 *       {@code LabelSelector} means where one is optional, so that a missing selector never
 *       adopts the whole namespace.</li>
 *   <li>anything else — built by {@link #parse} from a query string or by {@link #of} from an
 *       API object's {@code matchLabels} and {@code matchExpressions}.</li>
 * </ul>
 *
 * <p>Requirements are kept sorted by key (stably), so two selectors with the same requirements
 * print the same {@link #toString() canonical string} and are {@link #equals equal}. Instances
 * are immutable.
 */
public final class Selector {

    private static final Selector EVERYTHING = new Selector(List.of(), false);
    private static final Selector NOTHING = new Selector(List.of(), true);

    private final List<Requirement> requirements;
    /** True only for {@link #NOTHING}; it then has no requirements but matches nothing. */
    private final boolean matchesNothing;

    private Selector(List<Requirement> requirements, boolean matchesNothing) {
        this.requirements = requirements;
        this.matchesNothing = matchesNothing;
    }

    /** The selector that selects every object. */
    public static Selector everything() {
        return EVERYTHING;
    }

    /** The selector that selects no object. */
    public static Selector nothing() {
        return NOTHING;
    }

    /**
     * Parses the query-string form used by {@code kubectl get -l} and the {@code labelSelector}
     * parameter, e.g. {@code "app=web,tier in (frontend,cache),!canary"}. Whitespace around
     * tokens is ignored; the empty string gives {@link #everything()}.
     *
     * @throws IllegalArgumentException if the text is not a selector, saying where it went wrong
     */
    public static Selector parse(String selector) {
        return fromRequirements(new SelectorParser(selector).parse());
    }

    /**
     * The selector described by a {@code LabelSelector}: each {@code matchLabels} entry becomes an
     * {@link Operator#EQUALS} requirement, followed by the {@code matchExpressions}. With no
     * labels and no expressions this is {@link #everything()}. (Mapping an absent
     * {@code LabelSelector} to {@link #nothing()} is the caller's decision.)
     *
     * @param matchLabels exact label matches; {@code null} means none
     * @param expressions further requirements; {@code null} means none
     * @throws IllegalArgumentException if a {@code matchLabels} key or value is not valid label syntax
     */
    public static Selector of(Map<String, String> matchLabels, List<Requirement> expressions) {
        List<Requirement> all = new ArrayList<>();
        if (matchLabels != null) {
            // Sorted first so the result does not depend on the map's iteration order.
            matchLabels.entrySet().stream()
                    .sorted(Map.Entry.comparingByKey())
                    .forEach(e -> all.add(new Requirement(e.getKey(), Operator.EQUALS, e.getValue())));
        }
        if (expressions != null) {
            all.addAll(expressions);
        }
        return fromRequirements(all);
    }

    /**
     * The selector an API object's {@link LabelSelector} describes (Kubernetes' {@code LabelSelectorAsSelector}):
     * a {@code null} one selects nothing, an empty one everything.
     *
     * @throws IllegalArgumentException for an operator or value that is not valid selector syntax
     */
    public static Selector fromLabelSelector(LabelSelector selector) {
        if (selector == null) {
            return NOTHING;
        }
        List<Requirement> requirements = new ArrayList<>();
        if (selector.matchExpressions() != null) {
            for (LabelSelectorRequirement expression : selector.matchExpressions()) {
                List<String> values = expression.values() == null ? List.of() : expression.values();
                requirements.add(new Requirement(expression.key(), Operator.fromApiName(expression.operator()),
                        values.toArray(String[]::new)));
            }
        }
        return of(selector.matchLabels(), requirements);
    }

    /** A selector requiring all of the given requirements. */
    public static Selector of(Requirement... requirements) {
        return fromRequirements(Arrays.asList(requirements));
    }

    private static Selector fromRequirements(List<Requirement> requirements) {
        if (requirements.isEmpty()) {
            return EVERYTHING;
        }
        List<Requirement> sorted = new ArrayList<>(requirements);
        sorted.sort(Comparator.comparing(Requirement::key)); // List.sort is stable
        return new Selector(List.copyOf(sorted), false);
    }

    /** This selector with more requirements ANDed in; {@link #nothing()} stays nothing. */
    public Selector and(Requirement... more) {
        if (matchesNothing) {
            return this;
        }
        List<Requirement> all = new ArrayList<>(requirements);
        all.addAll(Arrays.asList(more));
        return fromRequirements(all);
    }

    /**
     * Whether an object with these labels is selected.
     *
     * @param labels the object's labels; {@code null} means no labels
     */
    public boolean matches(Map<String, String> labels) {
        if (matchesNothing) {
            return false;
        }
        for (Requirement requirement : requirements) {
            if (!requirement.matches(labels)) {
                return false;
            }
        }
        return true;
    }

    /** Whether this selector places no restriction, i.e. selects everything. {@link #nothing()} is not empty. */
    public boolean isEmpty() {
        return !matchesNothing && requirements.isEmpty();
    }

    /** The requirements, sorted by key; empty for {@link #everything()} and {@link #nothing()}. */
    public List<Requirement> requirements() {
        return requirements;
    }

    /**
     * The single value this selector demands for {@code key}, if it demands one — the first
     * requirement on that key being {@code key=v}, {@code key==v} or {@code key in (v)}. Lets a
     * cache answer a selector from an index instead of scanning.
     */
    public Optional<String> requiresExactMatch(String key) {
        for (Requirement r : requirements) {
            if (r.key().equals(key)) {
                boolean exact = switch (r.operator()) {
                    case EQUALS, DOUBLE_EQUALS, IN -> r.values().size() == 1;
                    default -> false;
                };
                return exact ? Optional.of(r.values().iterator().next()) : Optional.empty();
            }
        }
        return Optional.empty();
    }

    /**
     * The canonical query string: requirements sorted by key, each in its canonical form, joined
     * by commas. Parsing it gives an equal selector. {@link #everything()} and {@link #nothing()}
     * both print as the empty string, as in Kubernetes.
     */
    @Override
    public String toString() {
        return requirements.stream().map(Requirement::toString).collect(Collectors.joining(","));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Selector other
                && matchesNothing == other.matchesNothing
                && requirements.equals(other.requirements);
    }

    @Override
    public int hashCode() {
        return requirements.hashCode() * 31 + Boolean.hashCode(matchesNothing);
    }
}
