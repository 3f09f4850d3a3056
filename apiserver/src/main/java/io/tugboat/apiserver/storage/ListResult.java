package io.tugboat.apiserver.storage;

import java.util.List;

/**
 * One page of a range read.
 *
 * @param items     the keys in key order
 * @param revision  the etcd revision the page was read at (a list's {@code resourceVersion})
 * @param remaining how many more keys follow this page (0 when this is the last page)
 */
public record ListResult(List<KeyValue> items, long revision, long remaining) {
    public ListResult {
        items = List.copyOf(items);
    }

    public boolean hasMore() {
        return remaining > 0;
    }
}
