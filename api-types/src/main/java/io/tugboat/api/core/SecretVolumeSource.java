package io.tugboat.api.core;

import io.tugboat.api.Copies;
import java.util.List;

/**
 * The keys of a Secret as files.
 *
 * <p>Field names and shapes are those of Kubernetes core/v1 SecretVolumeSource; absent fields are {@code null}.
 */
public record SecretVolumeSource(
        String secretName,
        List<KeyToPath> items,
        Integer defaultMode,
        Boolean optional) {
    /** Collections are copied, so a record never shares mutable state with its caller. */
    public SecretVolumeSource {
        items = Copies.list(items);
    }
}
