package io.tugboat.kubectl.printers;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns the server's {@code meta.k8s.io/v1 Table} into the rows kubectl prints: the columns the server chose
 * (those with priority above 0 only for {@code -o wide}), upper-cased headers, a leading NAMESPACE column for
 * {@code -A}, a trailing LABELS column for {@code --show-labels}, and {@code kind/} before names when several
 * kinds are printed. Alignment is the {@link TabWriter}'s job.
 */
public final class TablePrinter {

    /**
     * @param wide          {@code -o wide}
     * @param showLabels    {@code --show-labels}
     * @param withNamespace {@code -A}: the row's namespace first
     * @param kindPrefix    e.g. {@code deployment.apps} to print {@code deployment.apps/web}, or {@code null}
     */
    public record Options(boolean wide, boolean showLabels, boolean withNamespace, String kindPrefix) {
    }

    private TablePrinter() {
    }

    /** The header row. */
    public static List<String> header(JsonNode table, Options options) {
        List<String> header = new ArrayList<>();
        if (options.withNamespace()) {
            header.add("NAMESPACE");
        }
        for (JsonNode column : table.path("columnDefinitions")) {
            if (shown(column, options)) {
                header.add(column.path("name").asText().toUpperCase(Locale.ROOT));
            }
        }
        if (options.showLabels()) {
            header.add("LABELS");
        }
        return header;
    }

    /** One printed row per table row. */
    public static List<List<String>> rows(JsonNode table, Options options) {
        JsonNode columns = table.path("columnDefinitions");
        int nameColumn = 0;
        for (int i = 0; i < columns.size(); i++) {
            if ("name".equals(columns.get(i).path("format").asText())) {
                nameColumn = i;
                break;
            }
        }
        List<List<String>> rows = new ArrayList<>();
        for (JsonNode row : table.path("rows")) {
            List<String> cells = new ArrayList<>();
            JsonNode metadata = row.path("object").path("metadata");
            if (options.withNamespace()) {
                cells.add(metadata.path("namespace").asText(""));
            }
            for (int i = 0; i < columns.size(); i++) {
                if (!shown(columns.get(i), options)) {
                    continue;
                }
                String cell = cell(row.path("cells").path(i));
                if (i == nameColumn && options.kindPrefix() != null) {
                    cell = options.kindPrefix() + "/" + cell;
                }
                cells.add(cell);
            }
            if (options.showLabels()) {
                cells.add(labels(metadata.path("labels")));
            }
            rows.add(cells);
        }
        return rows;
    }

    private static boolean shown(JsonNode column, Options options) {
        return options.wide() || column.path("priority").asInt(0) == 0;
    }

    private static String cell(JsonNode value) {
        if (value.isMissingNode() || value.isNull()) {
            return "<none>";
        }
        return value.isTextual() ? value.textValue() : value.asText();
    }

    /** {@code a=1,b=2} in key order, or {@code <none>}, as kubectl's {@code labels.FormatLabels}. */
    public static String labels(JsonNode labels) {
        Map<String, String> sorted = new TreeMap<>();
        labels.fields().forEachRemaining(e -> sorted.put(e.getKey(), e.getValue().asText()));
        if (sorted.isEmpty()) {
            return "<none>";
        }
        StringBuilder out = new StringBuilder();
        sorted.forEach((k, v) -> out.append(out.length() == 0 ? "" : ",").append(k).append('=').append(v));
        return out.toString();
    }
}
