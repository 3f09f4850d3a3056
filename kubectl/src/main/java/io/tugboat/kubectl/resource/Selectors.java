package io.tugboat.kubectl.resource;

import com.fasterxml.jackson.databind.JsonNode;
import io.tugboat.kubectl.cli.CliException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The label selector of a workload or service, as the text a list's {@code labelSelector} takes. */
public final class Selectors {
    private Selectors() {
    }

    /** The selector of a workload ({@code spec.selector}, a LabelSelector) or a service (a plain map). */
    public static String of(JsonNode object) {
        JsonNode selector = object.path("spec").path("selector");
        if (object.path("kind").asText().equals("Service")) {
            return equalities(selector);
        }
        String text = ofLabelSelector(selector);
        if (text.isEmpty()) {
            throw new CliException(object.path("kind").asText() + " " + object.path("metadata").path("name").asText()
                    + " has no selector");
        }
        return text;
    }

    /** A LabelSelector as {@code a=b,c in (x,y)}; empty when it selects everything. */
    public static String ofLabelSelector(JsonNode selector) {
        List<String> parts = new ArrayList<>();
        if (!selector.path("matchLabels").isMissingNode()) {
            String labels = equalities(selector.path("matchLabels"));
            if (!labels.isEmpty()) {
                parts.add(labels);
            }
        }
        for (JsonNode e : selector.path("matchExpressions")) {
            List<String> values = new ArrayList<>();
            e.path("values").forEach(v -> values.add(v.asText()));
            String key = e.path("key").asText();
            parts.add(switch (e.path("operator").asText()) {
                case "In" -> key + " in (" + String.join(",", values) + ")";
                case "NotIn" -> key + " notin (" + String.join(",", values) + ")";
                case "Exists" -> key;
                default -> "!" + key;
            });
        }
        return String.join(",", parts);
    }

    private static String equalities(JsonNode map) {
        Map<String, String> sorted = new TreeMap<>();
        map.fields().forEachRemaining(e -> sorted.put(e.getKey(), e.getValue().asText()));
        List<String> parts = new ArrayList<>();
        sorted.forEach((k, v) -> parts.add(k + "=" + v));
        return String.join(",", parts);
    }
}
