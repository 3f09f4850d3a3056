package io.tugboat.api.meta;

import io.tugboat.api.Copies;
import java.util.List;

/**
 * The meta.k8s.io/v1 Table that {@code kubectl get} asks for: column definitions plus one row per object.
 *
 * <p>Field names and shapes are those of Kubernetes meta/v1 Table; absent fields are {@code null}.
 */
public record Table(
        String apiVersion,
        String kind,
        ListMeta metadata,
        List<TableColumnDefinition> columnDefinitions,
        List<TableRow> rows) {
    /** Collections are copied, so a record never shares mutable state with its caller. */
    public Table {
        columnDefinitions = Copies.list(columnDefinitions);
        rows = Copies.list(rows);
    }
}
