package io.tugboat.apiserver.rest.table;

import io.tugboat.api.meta.TableColumnDefinition;

/**
 * Column definitions. {@code type} is a JSON schema type (string, integer, boolean, date) and tells clients how to
 * sort; {@code format: name} marks the column that identifies the row; priority 1 columns only show with
 * {@code -o wide}.
 */
final class Columns {
    private Columns() {
    }

    /** The NAME column every kind starts with. */
    static TableColumnDefinition name() {
        return new TableColumnDefinition("Name", "string", "name", "Name of the object, unique in its namespace.", 0);
    }

    /** The AGE column: time since creation, as a human duration. */
    static TableColumnDefinition age() {
        return string("Age", "Time since the object was created.");
    }

    static TableColumnDefinition string(String name, String description) {
        return new TableColumnDefinition(name, "string", "", description, 0);
    }

    static TableColumnDefinition integer(String name, String description) {
        return new TableColumnDefinition(name, "integer", "", description, 0);
    }

    static TableColumnDefinition bool(String name, String description) {
        return new TableColumnDefinition(name, "boolean", "", description, 0);
    }

    /** The same column, shown only with {@code -o wide}. */
    static TableColumnDefinition wide(TableColumnDefinition column) {
        return new TableColumnDefinition(column.name(), column.type(), column.format(), column.description(), 1);
    }
}
