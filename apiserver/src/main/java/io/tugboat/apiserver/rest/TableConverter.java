package io.tugboat.apiserver.rest;

import io.tugboat.api.ResourceKind;
import io.tugboat.api.meta.KubernetesObject;
import io.tugboat.api.meta.Table;
import java.time.Instant;
import java.util.List;

/** Prints objects as a meta.k8s.io/v1 {@link Table}, the server-side printing {@code kubectl get} relies on. */
@FunctionalInterface
public interface TableConverter {
    /**
     * @param includeObject whether each row carries the object (kubectl needs at least its metadata for
     *                      {@code -A} and {@code --show-labels})
     * @param now           the time ages are computed against
     */
    Table convert(ResourceKind<?> kind, List<? extends KubernetesObject> objects, boolean includeObject, Instant now);
}
