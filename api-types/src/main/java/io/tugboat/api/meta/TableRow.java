package io.tugboat.api.meta;

import com.fasterxml.jackson.databind.JsonNode;
import io.tugboat.api.Copies;
import java.util.List;

/**
 * One row of a Table: the printed cells and the object (or its metadata) it was printed from.
 *
 * <p>Field names and shapes are those of Kubernetes meta/v1 TableRow; absent fields are {@code null}.
 */
public record TableRow(
        List<Object> cells,
        JsonNode object) {
    /** Collections are copied, so a record never shares mutable state with its caller. */
    public TableRow {
        cells = Copies.list(cells);
    }
}
