package io.tugboat.api.meta;


/**
 * One column of a Table; priority 0 columns are always shown, priority 1 only with {@code -o wide}.
 *
 * <p>Field names and shapes are those of Kubernetes meta/v1 TableColumnDefinition; absent fields are {@code null}.
 */
public record TableColumnDefinition(
        String name,
        String type,
        String format,
        String description,
        Integer priority) {
}
