package io.tugboat.client;

import io.tugboat.api.meta.Status;

/**
 * A request the API server refused, or could not be sent. {@link #status()} is the server's Kubernetes
 * {@code Status} (for transport failures, a synthesized one with code 0). Subclasses name the outcomes
 * callers branch on, so {@code catch (ConflictException e)} reads like the control loop it belongs to.
 */
public class ApiException extends Exception {
    private final transient Status status;

    public ApiException(Status status, Throwable cause) {
        super(status.message() == null ? status.reason() : status.message(), cause);
        this.status = status;
    }

    public ApiException(Status status) {
        this(status, null);
    }

    /** The Kubernetes Status the server sent. */
    public Status status() {
        return status;
    }

    /** The HTTP status code (0 when the request never got an answer). */
    public int code() {
        return status.code() == null ? 0 : status.code();
    }

    /** The Status reason ({@code NotFound}, {@code Conflict}, ...), or {@code null}. */
    public String reason() {
        return status.reason();
    }

    /** 404: the object or resource does not exist. */
    public static final class NotFoundException extends ApiException {
        public NotFoundException(Status status) {
            super(status);
        }
    }

    /** 409 on create: an object with that name exists. */
    public static final class AlreadyExistsException extends ApiException {
        public AlreadyExistsException(Status status) {
            super(status);
        }
    }

    /** 409 otherwise: the object changed since it was read; re-read and retry. */
    public static final class ConflictException extends ApiException {
        public ConflictException(Status status) {
            super(status);
        }
    }

    /** 422: the object breaks validation; {@code status().details().causes()} lists every problem. */
    public static final class InvalidException extends ApiException {
        public InvalidException(Status status) {
            super(status);
        }
    }

    /** 410: the resourceVersion is too old; relist. */
    public static final class GoneException extends ApiException {
        public GoneException(Status status) {
            super(status);
        }
    }

    /**
     * 429: the server did not process the request; {@link #retryAfterSeconds()} says when to come back, or is
     * negative when the server sent no {@code Retry-After} (a refusal that waiting will not fix, e.g. an eviction
     * blocked by a disruption budget).
     */
    public static final class TooManyRequestsException extends ApiException {
        private final int retryAfterSeconds;

        public TooManyRequestsException(Status status, int retryAfterSeconds) {
            super(status);
            this.retryAfterSeconds = retryAfterSeconds;
        }

        /** The server's {@code Retry-After} in seconds; negative when it sent none. */
        public int retryAfterSeconds() {
            return retryAfterSeconds;
        }
    }

    /** 5xx, or no answer at all (connection refused, timeout): worth retrying later. */
    public static final class ServerErrorException extends ApiException {
        public ServerErrorException(Status status, Throwable cause) {
            super(status, cause);
        }
    }
}
