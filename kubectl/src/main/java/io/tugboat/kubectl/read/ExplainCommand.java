package io.tugboat.kubectl.read;

import com.fasterxml.jackson.databind.JsonNode;
import io.tugboat.api.ResourceKind;
import io.tugboat.kubectl.cli.CliException;
import io.tugboat.kubectl.cli.Verb;
import io.tugboat.kubectl.resource.Kinds;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code tug explain pods.spec.containers}: the documentation of a kind or one of its fields, read from the
 * server's OpenAPI v3 document for the kind's group-version ({@code /openapi/v3} lists them), in kubectl's
 * layout: KIND, VERSION, FIELD with its type, DESCRIPTION, FIELDS.
 */
@Command(name = "explain", description = "Get documentation for a resource.")
public final class ExplainCommand extends Verb {

    @Parameters(arity = "1", paramLabel = "TYPE[.FIELD...]")
    String what;

    @Override
    public Integer call() throws Exception {
        String[] parts = what.split("\\.");
        ResourceKind<?> kind = Kinds.resolve(parts[0]);
        String gvPath = kind.group().isEmpty() ? "api/v1" : "apis/" + kind.group() + "/" + kind.version();
        JsonNode index = api().get("/openapi/v3");
        String url = index.path("paths").path(gvPath).path("serverRelativeURL").asText("");
        if (url.isEmpty()) {
            throw new CliException("couldn't find resource for \"" + kind.apiVersion() + ", Kind=" + kind.kind() + "\"");
        }
        int query = url.indexOf('?');
        JsonNode document = api().get(query < 0 ? url : url.substring(0, query));
        JsonNode schemas = document.path("components").path("schemas");
        JsonNode schema = null;
        Iterator<Map.Entry<String, JsonNode>> it = schemas.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            for (JsonNode gvk : e.getValue().path("x-kubernetes-group-version-kind")) {
                if (gvk.path("kind").asText().equals(kind.kind()) && gvk.path("group").asText().equals(kind.group())) {
                    schema = e.getValue();
                }
            }
        }
        if (schema == null) {
            throw new CliException("couldn't find resource for \"" + kind.apiVersion() + ", Kind=" + kind.kind() + "\"");
        }
        String fieldName = null;
        String fieldType = null;
        for (int i = 1; i < parts.length; i++) {
            JsonNode field = resolve(schema, schemas).path("properties").path(parts[i]);
            if (field.isMissingNode()) {
                throw new CliException("field \"" + parts[i] + "\" does not exist");
            }
            fieldName = parts[i];
            fieldType = type(field, schemas);
            schema = field;
        }
        out().println("GROUP:      " + kind.group());
        out().println("KIND:       " + kind.kind());
        out().println("VERSION:    " + kind.version());
        out().println();
        if (fieldName != null) {
            out().println("FIELD: " + fieldName + " <" + fieldType + ">");
            out().println();
        }
        out().println("DESCRIPTION:");
        JsonNode resolved = resolve(schema, schemas);
        String description = schema.path("description").asText(resolved.path("description").asText("<empty>"));
        for (String line : wrap(description, 76)) {
            out().println("    " + line);
        }
        JsonNode properties = resolved.path("properties");
        if (!properties.isEmpty()) {
            out().println("    ");
            out().println("FIELDS:");
            Map<String, JsonNode> sorted = new TreeMap<>();
            properties.fields().forEachRemaining(e -> sorted.put(e.getKey(), e.getValue()));
            List<String> required = new ArrayList<>();
            resolved.path("required").forEach(r -> required.add(r.asText()));
            sorted.forEach((name, field) -> {
                out().println("  " + name + "\t<" + type(field, schemas) + ">" + (required.contains(name) ? " -required-" : ""));
                for (String line : wrap(field.path("description").asText(resolve(field, schemas).path("description").asText("")), 72)) {
                    out().println("    " + line);
                }
                out().println();
            });
        }
        return 0;
    }

    /** Follows {@code $ref}, {@code allOf: [{$ref}]} and array items to the schema with the properties. */
    private static JsonNode resolve(JsonNode schema, JsonNode schemas) {
        JsonNode current = schema;
        for (int depth = 0; depth < 10; depth++) {
            if (current.has("$ref")) {
                current = schemas.path(current.path("$ref").asText().replace("#/components/schemas/", ""));
            } else if (current.has("allOf") && current.path("allOf").size() == 1) {
                current = current.path("allOf").get(0);
            } else if (current.path("type").asText().equals("array") && current.has("items")) {
                current = current.path("items");
            } else {
                return current;
            }
        }
        return current;
    }

    private static String type(JsonNode field, JsonNode schemas) {
        if (field.path("type").asText().equals("array")) {
            return "[]" + type(field.path("items"), schemas);
        }
        if (field.path("type").asText().equals("object") && field.has("additionalProperties")) {
            return "map[string]" + type(field.path("additionalProperties"), schemas);
        }
        String ref = field.has("$ref") ? field.path("$ref").asText()
                : field.has("allOf") ? field.path("allOf").path(0).path("$ref").asText("") : "";
        if (!ref.isEmpty()) {
            String name = ref.substring(ref.lastIndexOf('/') + 1);
            return name.substring(name.lastIndexOf('.') + 1);
        }
        return field.path("type").asText("Object");
    }

    private static List<String> wrap(String text, int width) {
        List<String> lines = new ArrayList<>();
        for (String paragraph : text.split("\n")) {
            StringBuilder line = new StringBuilder();
            for (String word : paragraph.split(" ")) {
                if (line.length() > 0 && line.length() + word.length() + 1 > width) {
                    lines.add(line.toString());
                    line.setLength(0);
                }
                line.append(line.length() == 0 ? "" : " ").append(word);
            }
            lines.add(line.toString());
        }
        return lines;
    }
}
