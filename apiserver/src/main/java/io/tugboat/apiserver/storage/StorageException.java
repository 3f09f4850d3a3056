package io.tugboat.apiserver.storage;

/**
 * A storage operation did not happen. The {@link Code} says why, so the REST layer can map it to the matching
 * Kubernetes status (409 AlreadyExists/Conflict, 404 NotFound, 410 Expired, 503/504) in one place.
 */
public final class StorageException extends RuntimeException {
    public enum Code {
        /** Create of a key that exists. */
        KEY_EXISTS,
        /** Update or delete of a key that does not exist. */
        KEY_NOT_FOUND,
        /** The key's modRevision is not the one the caller expected (optimistic concurrency). */
        CONFLICT,
        /** The requested revision has been compacted away. */
        EXPIRED,
        /** etcd refused or dropped the request. */
        UNAVAILABLE,
        /** etcd did not answer within the request timeout. */
        TIMEOUT
    }

    private final Code code;
    private final String key;
    private final KeyValue current;

    public StorageException(Code code, String key, String message, Throwable cause) {
        this(code, key, message, cause, null);
    }

    private StorageException(Code code, String key, String message, Throwable cause, KeyValue current) {
        super(message, cause);
        this.code = code;
        this.key = key;
        this.current = current;
    }

    /**
     * A CONFLICT that carries what the key holds now, read in the same etcd transaction that failed: a
     * read-modify-write loop retries from it without another round trip to etcd.
     */
    public static StorageException conflict(String key, KeyValue current) {
        return new StorageException(Code.CONFLICT, key, "the object has been modified", null, current);
    }

    public StorageException(Code code, String key, String message) {
        this(code, key, message, null);
    }

    public Code code() {
        return code;
    }

    public String key() {
        return key;
    }

    /** For a CONFLICT: the key's current value, if the storage read it along with the failed compare. */
    public java.util.Optional<KeyValue> current() {
        return java.util.Optional.ofNullable(current);
    }
}
