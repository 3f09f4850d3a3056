package io.tugboat.scheduler.framework;

import io.tugboat.client.ApiException;

/**
 * What the scheduler lends to plugin factories: the few outside capabilities a plugin may use. Today only the
 * binder, for {@code DefaultBinder}; filters and scores need nothing but their arguments.
 */
public record Handle(PodBinder binder) {

    /** POSTs a Binding for {@code namespace/pod} to {@code node}. */
    @FunctionalInterface
    public interface PodBinder {
        void bind(String namespace, String pod, String node) throws ApiException;
    }
}
