package io.tugboat.api.core;

import io.tugboat.api.Copies;
import java.util.List;

/**
 * Runs a command inside the container; exit code 0 is success.
 *
 * <p>Field names and shapes are those of Kubernetes core/v1 ExecAction; absent fields are {@code null}.
 */
public record ExecAction(
        List<String> command) {
    /** Collections are copied, so a record never shares mutable state with its caller. */
    public ExecAction {
        command = Copies.list(command);
    }
}
