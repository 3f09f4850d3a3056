package io.tugboat.apiserver.rest;

import io.tugboat.api.ResourceKind;
import io.tugboat.api.meta.KubernetesObject;
import io.tugboat.api.meta.Table;
import java.time.Instant;
import io.tugboat.apiserver.rest.table.IncludeObject;
import java.util.List;

/** Prints objects as a meta.k8s.io/v1 {@link Table}, the server-side printing {@code kubectl get} relies on. */
@FunctionalInterface
public interface TableConverter {
    /**
     * @param include what each row carries: nothing, the object's metadata (kubectl needs it for {@code -A}
     *                and {@code --show-labels}) or the whole object
     * @param now     the time ages are computed against
     */
    Table convert(ResourceKind<?> kind, List<? extends KubernetesObject> objects, IncludeObject include, Instant now);
}
