package io.tugboat.apiserver.rest.table;

import io.tugboat.api.core.Container;
import io.tugboat.api.core.PodSpec;
import io.tugboat.api.core.PodTemplateSpec;
import io.tugboat.api.meta.KubernetesObject;
import io.tugboat.api.meta.LabelSelector;
import io.tugboat.api.meta.LabelSelectorRequirement;
import io.tugboat.api.meta.ObjectMeta;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Small formatting rules shared by the printers, each the way kubectl users know it: {@code <none>} for nothing,
 * labels as {@code a=1,b=2} sorted by key, selectors in their string syntax.
 */
final class Formats {
    static final String NONE = "<none>";

    private Formats() {
    }

    static String name(KubernetesObject object) {
        return text(metadata(object).name());
    }

    static String age(KubernetesObject object, Instant now) {
        return HumanDuration.since(metadata(object).creationTimestamp(), now);
    }

    static ObjectMeta metadata(KubernetesObject object) {
        ObjectMeta metadata = object.metadata();
        return metadata != null ? metadata : new ObjectMeta(null, null, null, null, null, null, null, null, null, null,
                null, null, null, null);
    }

    static String annotation(KubernetesObject object, String key) {
        Map<String, String> annotations = metadata(object).annotations();
        return annotations == null ? null : annotations.get(key);
    }

    /** The text, or the empty string for null. */
    static String text(String value) {
        return value == null ? "" : value;
    }

    /** The text, or {@code <none>} when null or empty. */
    static String orNone(String value) {
        return value == null || value.isEmpty() ? NONE : value;
    }

    /** A count, zero when absent, as the int64 cell Kubernetes prints. */
    static long count(Integer value) {
        return value == null ? 0 : value;
    }

    static <T> List<T> list(List<T> value) {
        return value == null ? List.of() : value;
    }

    /** {@code a=1,b=2} sorted by key, or {@code <none>}: Kubernetes' {@code labels.FormatLabels}. */
    static String labels(Map<String, String> labels) {
        if (labels == null || labels.isEmpty()) {
            return NONE;
        }
        return new TreeMap<>(labels).entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(","));
    }

    /**
     * A label selector in its string syntax ({@code app=web,tier in (a,b),!legacy}), requirements sorted by key;
     * empty for a null or empty selector, as Kubernetes' {@code LabelSelectorAsSelector(...).String()}.
     */
    static String selector(LabelSelector selector) {
        if (selector == null) {
            return "";
        }
        List<String[]> requirements = new ArrayList<>(); // {key, text}
        if (selector.matchLabels() != null) {
            selector.matchLabels().forEach((k, v) -> requirements.add(new String[] {k, k + "=" + v}));
        }
        for (LabelSelectorRequirement r : list(selector.matchExpressions())) {
            String values = list(r.values()).stream().sorted().collect(Collectors.joining(","));
            String text = switch (text(r.operator())) {
                case "In" -> r.key() + " in (" + values + ")";
                case "NotIn" -> r.key() + " notin (" + values + ")";
                case "Exists" -> r.key();
                case "DoesNotExist" -> "!" + r.key();
                default -> null;
            };
            if (text == null) {
                return "<error>";
            }
            requirements.add(new String[] {text(r.key()), text});
        }
        requirements.sort(Comparator.comparing(r -> r[0]));
        return requirements.stream().map(r -> r[1]).collect(Collectors.joining(","));
    }

    /** The selector string, or {@code <none>} when it selects by nothing: {@code metav1.FormatLabelSelector}. */
    static String formatSelector(LabelSelector selector) {
        return orNone(selector(selector));
    }

    static List<Container> containers(PodTemplateSpec template) {
        if (template == null || template.spec() == null) {
            return List.of();
        }
        return containers(template.spec());
    }

    static List<Container> containers(PodSpec spec) {
        return spec == null ? List.of() : list(spec.containers());
    }

    /** The CONTAINERS column of workloads: container names joined by commas. */
    static String containerNames(List<Container> containers) {
        return containers.stream().map(c -> text(c.name())).collect(Collectors.joining(","));
    }

    /** The IMAGES column of workloads: images joined by commas. */
    static String images(List<Container> containers) {
        return containers.stream().map(c -> text(c.image())).collect(Collectors.joining(","));
    }

    /** Access modes in their short forms (RWO, ROX, RWX, RWOP), in that order, as kubectl prints them. */
    static String accessModes(List<String> modes) {
        Set<String> present = new LinkedHashSet<>(list(modes));
        List<String> shortForms = new ArrayList<>();
        for (String[] mode : new String[][] {{"ReadWriteOnce", "RWO"}, {"ReadOnlyMany", "ROX"},
                {"ReadWriteMany", "RWX"}, {"ReadWriteOncePod", "RWOP"}}) {
            if (present.contains(mode[0])) {
                shortForms.add(mode[1]);
            }
        }
        return String.join(",", shortForms);
    }

    /** {@code True}, {@code False} or {@code <unset>}, as Kubernetes prints optional booleans. */
    static String bool(Boolean value) {
        if (value == null) {
            return "<unset>";
        }
        return value ? "True" : "False";
    }
}
