package io.tugboat.api.core;

import io.tugboat.api.Copies;
import java.util.List;

/**
 * The keys of a ConfigMap as files.
 *
 * <p>Field names and shapes are those of Kubernetes core/v1 ConfigMapVolumeSource; absent fields are {@code null}.
 */
public record ConfigMapVolumeSource(
        String name,
        List<KeyToPath> items,
        Integer defaultMode,
        Boolean optional) {
    /** Collections are copied, so a record never shares mutable state with its caller. */
    public ConfigMapVolumeSource {
        items = Copies.list(items);
    }
}
