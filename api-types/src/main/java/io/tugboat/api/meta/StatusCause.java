package io.tugboat.api.meta;


/**
 * One problem with a request: for validation, {@code field} is the path ({@code spec.containers[0].image}),
 * {@code reason} the kind of problem (FieldValueRequired...) and {@code message} the human text.
 *
 * <p>Field names and shapes are those of Kubernetes meta/v1 StatusCause; absent fields are {@code null}.
 */
public record StatusCause(
        String reason,
        String message,
        String field) {
}
