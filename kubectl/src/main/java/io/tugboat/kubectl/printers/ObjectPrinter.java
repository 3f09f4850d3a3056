package io.tugboat.kubectl.printers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tugboat.kubectl.cli.CliException;
import io.tugboat.kubectl.resource.Kinds;
import java.util.List;

/**
 * The machine-readable output formats of {@code -o}: {@code yaml}, {@code json}, {@code name},
 * {@code jsonpath=...} (also {@code jsonpath-as-json} is not supported) and {@code custom-columns=...}.
 * Several objects print as one {@code v1 List}, as kubectl wraps them; one object asked for by name prints
 * alone.
 */
public final class ObjectPrinter {
    public enum Kind { YAML, JSON, NAME, JSONPATH, CUSTOM_COLUMNS }

    private final Kind kind;
    private final JsonPath template;
    private final CustomColumns columns;
    private final boolean noHeaders;

    private ObjectPrinter(Kind kind, JsonPath template, CustomColumns columns, boolean noHeaders) {
        this.kind = kind;
        this.template = template;
        this.columns = columns;
        this.noHeaders = noHeaders;
    }

    /** The printer for an {@code -o} value, or {@code null} for the human-readable ones ({@code ""}, {@code wide}). */
    public static ObjectPrinter forFormat(String output, boolean noHeaders) {
        if (output == null || output.isEmpty() || output.equals("wide")) {
            return null;
        }
        if (output.equals("yaml")) {
            return new ObjectPrinter(Kind.YAML, null, null, noHeaders);
        }
        if (output.equals("json")) {
            return new ObjectPrinter(Kind.JSON, null, null, noHeaders);
        }
        if (output.equals("name")) {
            return new ObjectPrinter(Kind.NAME, null, null, noHeaders);
        }
        if (output.startsWith("jsonpath=") || output.startsWith("jsonpath:")) {
            try {
                return new ObjectPrinter(Kind.JSONPATH, JsonPath.parse(output.substring(9)), null, noHeaders);
            } catch (IllegalArgumentException e) {
                throw new CliException("error parsing jsonpath " + output.substring(9) + ", " + e.getMessage());
            }
        }
        if (output.startsWith("custom-columns=")) {
            return new ObjectPrinter(Kind.CUSTOM_COLUMNS, null, CustomColumns.parse(output.substring(15)), noHeaders);
        }
        throw new CliException("unable to match a printer suitable for the output format \"" + output
                + "\", allowed formats are: custom-columns,json,jsonpath,name,wide,yaml");
    }

    /** The same printer without the header row (the rows that {@code get -w} prints after the first). */
    public ObjectPrinter withoutHeaders() {
        return new ObjectPrinter(kind, template, columns, true);
    }

    public Kind kind() {
        return kind;
    }

    /**
     * The text for these objects; {@code single} when the command named exactly one object, which then prints
     * on its own rather than inside a List.
     */
    public String print(List<JsonNode> objects, boolean single) {
        StringBuilder out = new StringBuilder();
        switch (kind) {
            case NAME -> objects.forEach(o -> out.append(name(o)).append('\n'));
            case CUSTOM_COLUMNS -> {
                TabWriter writer = new TabWriter();
                if (!noHeaders) {
                    writer.row(columns.header());
                }
                objects.forEach(o -> writer.row(columns.row(o)));
                out.append(writer.flush());
            }
            default -> {
                JsonNode data = single && objects.size() == 1 ? objects.get(0) : list(objects);
                out.append(switch (kind) {
                    case YAML -> KubeYaml.write(data);
                    case JSON -> GoJson.indented(data);
                    default -> template.execute(data);
                });
            }
        }
        return out.toString();
    }

    /** {@code pod/web}, {@code deployment.apps/web}. */
    public static String name(JsonNode object) {
        return Kinds.qualified(Kinds.of(object)) + "/" + object.path("metadata").path("name").asText();
    }

    /** kubectl's wrapper for several objects. */
    public static ObjectNode list(List<JsonNode> objects) {
        ObjectNode list = JsonNodeFactory.instance.objectNode();
        list.put("apiVersion", "v1");
        list.putArray("items").addAll(objects);
        list.put("kind", "List");
        list.putObject("metadata").put("resourceVersion", "");
        return list;
    }
}
