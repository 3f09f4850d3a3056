package io.tugboat.kubectl.printers;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code -o custom-columns=NAME:.metadata.name,NODE:.spec.nodeName}: one column per {@code HEADER:path}, the
 * path a JSONPath expression with or without braces; a missing value prints {@code <none>}, several values
 * are joined with commas, as kubectl does.
 */
public final class CustomColumns {
    private record Column(String header, String path) {
    }

    private final List<Column> columns = new ArrayList<>();

    private CustomColumns() {
    }

    public static CustomColumns parse(String spec) {
        CustomColumns result = new CustomColumns();
        for (String part : spec.split(",")) {
            int colon = part.indexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("unexpected custom-columns spec: " + part + ", expected <header>:<json-path-expr>");
            }
            String path = part.substring(colon + 1).trim();
            if (path.startsWith("{") && path.endsWith("}")) {
                path = path.substring(1, path.length() - 1);
            }
            result.columns.add(new Column(part.substring(0, colon), path));
        }
        return result;
    }

    public List<String> header() {
        return columns.stream().map(Column::header).toList();
    }

    public List<String> row(JsonNode object) {
        List<String> cells = new ArrayList<>();
        for (Column column : columns) {
            List<JsonNode> values = JsonPath.select(column.path(), object);
            if (values.isEmpty()) {
                cells.add("<none>");
            } else {
                List<String> texts = new ArrayList<>();
                values.forEach(v -> texts.add(JsonPath.text(v)));
                cells.add(String.join(",", texts));
            }
        }
        return cells;
    }
}
