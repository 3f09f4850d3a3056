package io.tugboat.client;

/**
 * Query parameters of a list or watch, as client-go's {@code metav1.ListOptions}. {@code null} leaves a
 * parameter out.
 *
 * @param labelSelector       e.g. {@code app=web,tier!=db}
 * @param fieldSelector       e.g. {@code spec.nodeName=node-1}
 * @param resourceVersion     list: "0" = any (served from the watch cache), null = most recent; watch: start after it
 * @param limit               page size for lists (the client follows continue tokens itself)
 * @param timeoutSeconds      for watches: the server ends the watch after this long
 * @param allowWatchBookmarks ask for BOOKMARK events
 */
public record ListOptions(String labelSelector, String fieldSelector, String resourceVersion, Long limit,
                          Integer timeoutSeconds, boolean allowWatchBookmarks) {

    public static ListOptions none() {
        return new ListOptions(null, null, null, null, null, false);
    }

    public ListOptions withLabelSelector(String selector) {
        return new ListOptions(selector, fieldSelector, resourceVersion, limit, timeoutSeconds, allowWatchBookmarks);
    }

    public ListOptions withFieldSelector(String selector) {
        return new ListOptions(labelSelector, selector, resourceVersion, limit, timeoutSeconds, allowWatchBookmarks);
    }

    public ListOptions withResourceVersion(String version) {
        return new ListOptions(labelSelector, fieldSelector, version, limit, timeoutSeconds, allowWatchBookmarks);
    }

    public ListOptions withLimit(Long pageSize) {
        return new ListOptions(labelSelector, fieldSelector, resourceVersion, pageSize, timeoutSeconds, allowWatchBookmarks);
    }

    public ListOptions withTimeoutSeconds(Integer seconds) {
        return new ListOptions(labelSelector, fieldSelector, resourceVersion, limit, seconds, allowWatchBookmarks);
    }

    public ListOptions withAllowWatchBookmarks(boolean allow) {
        return new ListOptions(labelSelector, fieldSelector, resourceVersion, limit, timeoutSeconds, allow);
    }
}
