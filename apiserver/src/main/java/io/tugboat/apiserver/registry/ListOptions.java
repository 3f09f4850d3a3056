package io.tugboat.apiserver.registry;

import io.tugboat.api.fields.FieldSelector;
import io.tugboat.api.labels.Selector;

/**
 * The query parameters of a list or watch, parsed.
 *
 * @param labelSelector       objects must match it
 * @param fieldSelector       objects must match it (metadata.name, metadata.namespace, per-kind fields)
 * @param limit               page size, 0 = everything
 * @param continueToken       where the previous page ended, or {@code null}
 * @param resourceVersion     {@code null}/"" = most recent (read from etcd), "0" = any (served from the watch cache),
 *                            "N" = not older than N (served from the watch cache once it has caught up with N)
 * @param resourceVersionMatch {@code null}/NotOlderThan, or Exact: read etcd at exactly revision N
 * @param allowWatchBookmarks send BOOKMARK events on watches
 * @param timeoutSeconds      end a watch after this long (0 = server default)
 */
public record ListOptions(Selector labelSelector, FieldSelector fieldSelector, long limit, String continueToken,
                          String resourceVersion, String resourceVersionMatch, boolean allowWatchBookmarks,
                          long timeoutSeconds) {

    public static ListOptions everything() {
        return new ListOptions(Selector.everything(), FieldSelector.everything(), 0, null, null, null, false, 0);
    }
}
