package io.tugboat.scheduler.plugins.defaultbinder;

import io.tugboat.api.core.Pod;
import io.tugboat.client.ApiException;
import io.tugboat.scheduler.framework.BindPlugin;
import io.tugboat.scheduler.framework.Handle;
import io.tugboat.scheduler.framework.Status;

/**
 * Binds by POSTing a {@code Binding} to {@code pods/{name}/binding}: the API server sets {@code spec.nodeName}
 * and the {@code PodScheduled=True} condition in one write, and refuses (409 Conflict) a pod that already has a
 * node — which is what makes a double binding impossible even if two schedulers decided at once.
 */
public final class DefaultBinderPlugin implements BindPlugin {
    public static final String NAME = "DefaultBinder";

    private final Handle.PodBinder binder;

    public DefaultBinderPlugin(Handle.PodBinder binder) {
        this.binder = binder;
    }

    public static DefaultBinderPlugin create(Handle handle) {
        return new DefaultBinderPlugin(handle.binder());
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Status bind(Pod pod, String nodeName) {
        try {
            binder.bind(pod.metadata().namespace(), pod.metadata().name(), nodeName);
            return Status.SUCCESS;
        } catch (ApiException e) {
            return Status.error("binding rejected: " + e.getMessage());
        }
    }
}
