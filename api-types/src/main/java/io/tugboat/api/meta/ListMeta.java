package io.tugboat.api.meta;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Metadata of a list response: the collection resourceVersion (etcd revision) and the paging token.
 *
 * <p>Field names and shapes are those of Kubernetes meta/v1 ListMeta; absent fields are {@code null}.
 */
public record ListMeta(
        String selfLink,
        String resourceVersion,
        @JsonProperty("continue") String continueToken,
        Long remainingItemCount) {
}
