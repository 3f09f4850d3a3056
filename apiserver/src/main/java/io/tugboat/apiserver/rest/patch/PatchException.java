package io.tugboat.apiserver.rest.patch;

import java.util.Objects;

/**
 * A patch that Tugboat refuses to apply, with the reason a client will see.
 *
 * <p>Patching never fails for Tugboat's own reasons: every failure is the client's, and the
 * {@link Reason} says which kind. The REST layer turns this exception into a Kubernetes
 * {@code Status} in exactly one place; code in this package only decides the reason and writes a
 * message a person can act on ("merge key 'name' is missing in spec.containers[1]").
 *
 * <p>The split follows what the Kubernetes API server answers:
 * <ul>
 *   <li>{@link Reason#BAD_REQUEST} (400): the patch document itself is malformed — not JSON of the
 *       right shape, or a strategic merge directive that cannot be read.</li>
 *   <li>{@link Reason#INVALID} (422): the patch is well formed but does not apply to this object —
 *       a JSON Patch {@code test} failed, a path does not exist, a list holds values of a type the
 *       patch cannot merge with.</li>
 *   <li>{@link Reason#REQUEST_ENTITY_TOO_LARGE} (413): a JSON Patch with more operations than
 *       Kubernetes accepts.</li>
 * </ul>
 */
public final class PatchException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Why the patch was refused; each maps to one HTTP status and one Kubernetes {@code reason}. */
    public enum Reason {
        /** The patch document is malformed. */
        BAD_REQUEST(400, "BadRequest"),
        /** The patch is well formed but cannot be applied to this object. */
        INVALID(422, "Invalid"),
        /** The patch is too large to be applied at all. */
        REQUEST_ENTITY_TOO_LARGE(413, "RequestEntityTooLarge");

        private final int code;
        private final String statusReason;

        Reason(int code, String statusReason) {
            this.code = code;
            this.statusReason = statusReason;
        }

        /** The HTTP status code, also the {@code code} field of the {@code Status}. */
        public int code() {
            return code;
        }

        /** The value of the {@code reason} field of the Kubernetes {@code Status}. */
        public String statusReason() {
            return statusReason;
        }
    }

    private final Reason reason;

    /** Creates an exception; prefer {@link #malformed} and {@link #notApplicable}. */
    public PatchException(Reason reason, String message) {
        super(Objects.requireNonNull(message, "message"));
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /** The patch document cannot be read: {@link Reason#BAD_REQUEST}. */
    public static PatchException malformed(String format, Object... args) {
        return new PatchException(Reason.BAD_REQUEST, String.format(format, args));
    }

    /** The patch is readable but does not fit the object: {@link Reason#INVALID}. */
    public static PatchException notApplicable(String format, Object... args) {
        return new PatchException(Reason.INVALID, String.format(format, args));
    }

    /** Why the patch was refused. */
    public Reason reason() {
        return reason;
    }
}
