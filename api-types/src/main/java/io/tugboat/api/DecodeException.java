package io.tugboat.api;

/**
 * The input is not a valid encoding of the expected type: malformed JSON or YAML, a value of the wrong type
 * ({@code replicas: "three"}), a missing or unknown {@code apiVersion}/{@code kind}. The API server answers it
 * with 400 Bad Request. The message names the offending field when one is known.
 */
public final class DecodeException extends Exception {
    private final String field;

    public DecodeException(String message, String field, Throwable cause) {
        super(message, cause);
        this.field = field;
    }

    public DecodeException(String message) {
        this(message, null, null);
    }

    /** Path of the field the error is about, or {@code null}. */
    public String field() {
        return field;
    }
}
