package io.tugboat.kubectl.resource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tugboat.api.ResourceKind;
import io.tugboat.api.ResourceKinds;
import io.tugboat.kubectl.cli.CliException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Resource type names as kubectl reads them on the command line ({@code pods}, {@code pod}, {@code po},
 * {@code Pod}, {@code deployments.apps}, {@code deploy}) and as it prints them ({@code pod},
 * {@code deployment.apps}). Tugboat's {@link ResourceKinds} registry holds the same names its discovery
 * serves, so no discovery round trip is needed to resolve one.
 */
public final class Kinds {
    private Kinds() {
    }

    /** The kind a name means; kubectl's error when there is none. */
    public static ResourceKind<?> resolve(String name) {
        return ResourceKinds.resolve(name).orElseThrow(() ->
                new CliException("the server doesn't have a resource type \"" + name + "\""));
    }

    /**
     * Every kind a comma-separated type list names, with categories expanded: {@code pods,svc}, {@code all}
     * (the kinds in the {@code all} category, in discovery order).
     */
    public static List<ResourceKind<?>> resolveList(String names) {
        List<ResourceKind<?>> kinds = new ArrayList<>();
        for (String name : names.split(",")) {
            if (name.isEmpty()) {
                continue;
            }
            if (name.equals("all")) {
                for (ResourceKind<?> kind : ResourceKinds.all()) {
                    if (kind.categories().contains("all") && !kinds.contains(kind)) {
                        kinds.add(kind);
                    }
                }
                continue;
            }
            ResourceKind<?> kind = resolve(name);
            if (!kinds.contains(kind)) {
                kinds.add(kind);
            }
        }
        return kinds;
    }

    /** How kubectl names a kind in output: {@code pod}, {@code deployment.apps}. */
    public static String qualified(ResourceKind<?> kind) {
        String lower = kind.kind().toLowerCase(Locale.ROOT);
        return kind.group().isEmpty() ? lower : lower + "." + kind.group();
    }

    /**
     * The object with {@code apiVersion} and {@code kind} first, filled in when missing: list items and some
     * watch objects come without them, and kubectl's decoder fills them in, so output shows them.
     */
    public static JsonNode withKind(ResourceKind<?> kind, JsonNode item) {
        if (item instanceof ObjectNode object && !object.has("kind")) {
            Map<String, JsonNode> rest = new LinkedHashMap<>();
            object.fields().forEachRemaining(e -> rest.put(e.getKey(), e.getValue()));
            object.removeAll();
            object.put("apiVersion", kind.apiVersion());
            object.put("kind", kind.kind());
            object.setAll(rest);
        }
        return item;
    }

    /** The kind of an object read from a manifest or the server. */
    public static ResourceKind<?> of(JsonNode object) {
        String apiVersion = object.path("apiVersion").asText("");
        String kind = object.path("kind").asText("");
        if (apiVersion.isEmpty() || kind.isEmpty()) {
            throw new CliException("Object 'Kind' is missing in '" + object + "'");
        }
        return ResourceKinds.byApiVersionAndKind(apiVersion, kind).orElseThrow(() ->
                new CliException("resource mapping not found for name: \"" + object.path("metadata").path("name").asText("")
                        + "\" namespace: \"" + object.path("metadata").path("namespace").asText("") + "\" from \"\": no matches for kind \""
                        + kind + "\" in version \"" + apiVersion + "\"\nensure CRDs are installed first"));
    }
}
