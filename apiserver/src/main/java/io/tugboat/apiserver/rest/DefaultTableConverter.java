package io.tugboat.apiserver.rest;

import io.tugboat.api.Codec;
import io.tugboat.api.ResourceKind;
import io.tugboat.api.Rfc3339;
import io.tugboat.api.meta.KubernetesObject;
import io.tugboat.api.meta.ListMeta;
import io.tugboat.api.meta.Table;
import io.tugboat.api.meta.TableColumnDefinition;
import io.tugboat.api.meta.TableRow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Kubernetes' default table for kinds without a printer of their own: a {@code Name} column and a
 * {@code Created At} column.
 */
public final class DefaultTableConverter implements TableConverter {
    @Override
    public Table convert(ResourceKind<?> kind, List<? extends KubernetesObject> objects, boolean includeObject, Instant now) {
        List<TableColumnDefinition> columns = List.of(
                new TableColumnDefinition("Name", "string", "name", "Name must be unique within a namespace.", 0),
                new TableColumnDefinition("Created At", "date", "", "The time the object was created.", 0));
        List<TableRow> rows = new ArrayList<>();
        for (KubernetesObject object : objects) {
            Instant created = object.metadata().creationTimestamp();
            List<Object> cells = new ArrayList<>();
            cells.add(object.metadata().name());
            cells.add(created == null ? null : Rfc3339.format(created));
            rows.add(new TableRow(cells, includeObject ? Codec.toTree(object) : null));
        }
        return new Table("meta.k8s.io/v1", "Table", new ListMeta(null, null, null, null), columns, rows);
    }
}
