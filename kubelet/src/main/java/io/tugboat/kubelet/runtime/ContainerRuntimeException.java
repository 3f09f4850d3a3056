package io.tugboat.kubelet.runtime;

/** A failed runtime call: the engine refused, failed or could not be reached. */
public class ContainerRuntimeException extends RuntimeException {
    public ContainerRuntimeException(String message, Throwable cause) {
        super(message, cause);
    }

    public ContainerRuntimeException(String message) {
        super(message);
    }

    /** The container or image named does not exist. */
    public static final class NotFound extends ContainerRuntimeException {
        public NotFound(String message) {
            super(message);
        }
    }
}
