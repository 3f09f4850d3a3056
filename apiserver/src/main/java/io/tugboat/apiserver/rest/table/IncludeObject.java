package io.tugboat.apiserver.rest.table;

import java.util.Optional;

/**
 * What each row of a Table carries besides its cells: the {@code includeObject} query parameter of a list or
 * get that asks for a Table.
 *
 * <p>kubectl sends nothing for a plain {@code kubectl get}, so the server's default ({@link #METADATA}) applies;
 * that is enough for {@code -A} to print the NAMESPACE column and for {@code --show-labels}. It asks for
 * {@link #OBJECT} with {@code --sort-by}, to evaluate the sort expression against the full object.
 */
public enum IncludeObject {
    /** No object in the rows. */
    NONE("None"),
    /** A {@code meta.k8s.io/v1 PartialObjectMetadata}: just the object's metadata. The default. */
    METADATA("Metadata"),
    /** The whole object. */
    OBJECT("Object");

    private final String parameterValue;

    IncludeObject(String parameterValue) {
        this.parameterValue = parameterValue;
    }

    /** The value as it appears in the query string: {@code None}, {@code Metadata} or {@code Object}. */
    public String parameterValue() {
        return parameterValue;
    }

    /**
     * Reads the {@code includeObject} query parameter: absent or empty means {@link #METADATA}; an unknown value
     * gives an empty result, which the caller answers with 400 Bad Request as Kubernetes does.
     */
    public static Optional<IncludeObject> fromParameter(String value) {
        if (value == null || value.isEmpty()) {
            return Optional.of(METADATA);
        }
        for (IncludeObject candidate : values()) {
            if (candidate.parameterValue.equals(value)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
