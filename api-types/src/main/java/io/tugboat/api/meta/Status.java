package io.tugboat.api.meta;


/**
 * The body of every API error (and of some successful deletes): {@code status} is Success or Failure,
 * {@code code} mirrors the HTTP status, {@code reason} is machine readable (NotFound, AlreadyExists, Conflict, Invalid...).
 *
 * <p>Field names and shapes are those of Kubernetes meta/v1 Status; absent fields are {@code null}.
 */
public record Status(
        String apiVersion,
        String kind,
        ListMeta metadata,
        String status,
        String message,
        String reason,
        StatusDetails details,
        Integer code) {
}
