package io.tugboat.kubelet.pod;

/**
 * A container cannot be created yet for a reason the user can fix (a missing ConfigMap key, an unbound claim).
 * Not a bug: the worker shows {@link #reason()} as the container's waiting reason and tries again later.
 */
public final class ContainerConfigException extends Exception {
    private final String reason;

    public ContainerConfigException(String reason, String message) {
        super(message);
        this.reason = reason;
    }

    /** The waiting reason, e.g. {@code CreateContainerConfigError} or {@code ContainerCreating}. */
    public String reason() {
        return reason;
    }
}
