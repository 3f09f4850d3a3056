package io.tugboat.apiserver.rest.table;

import io.tugboat.api.meta.KubernetesObject;
import io.tugboat.api.meta.TableColumnDefinition;
import java.time.Instant;
import java.util.List;
import java.util.function.BiFunction;

/**
 * How one kind prints in {@code kubectl get}: its columns, and the cells of one object's row. Cells are
 * {@code String}, {@code Long} or {@code Boolean}, one per column, never null.
 *
 * <p>The server always fills every column, the {@code -o wide} ones (priority 1) included; kubectl decides which
 * to show. A printer is a pure function of the object and the current time, so it is tested with tables.
 */
interface RowPrinter<T extends KubernetesObject> {

    List<TableColumnDefinition> columns();

    List<Object> cells(T object, Instant now);

    /** A printer made of a column list and a function producing the cells. */
    static <T extends KubernetesObject> RowPrinter<T> of(List<TableColumnDefinition> columns,
                                                         BiFunction<T, Instant, List<Object>> cells) {
        return new RowPrinter<>() {
            @Override
            public List<TableColumnDefinition> columns() {
                return columns;
            }

            @Override
            public List<Object> cells(T object, Instant now) {
                return cells.apply(object, now);
            }
        };
    }
}
