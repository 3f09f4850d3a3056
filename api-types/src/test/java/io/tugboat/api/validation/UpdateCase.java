package io.tugboat.api.validation;

import io.tugboat.api.defaulting.Defaulter;
import io.tugboat.api.meta.KubernetesObject;
import io.tugboat.api.meta.StatusCause;
import java.util.List;

/**
 * One row of an update table: a sentence, the stored object (a base manifest changed by {@code storedPatch}),
 * the change a client sends, and the causes Kubernetes returns for the update.
 *
 * <p>The update is built like {@code kubectl edit} builds it: GET the stored, defaulted object, change it, PUT
 * it back, where it is defaulted again before validation.
 */
record UpdateCase(String name, String stored, String storedPatch, String patch, List<StatusCause> expected) {

    static UpdateCase of(String name, String base, String storedPatch, String patch, StatusCause... expected) {
        return new UpdateCase(name, base, storedPatch, patch, List.of(expected));
    }

    List<StatusCause> actual() {
        KubernetesObject old = Defaulter.apply(Manifests.patched(stored, storedPatch));
        KubernetesObject updated = Defaulter.apply(Manifests.patched(Manifests.yaml(old), patch));
        return Validator.validateUpdate(updated, old);
    }

    @Override
    public String toString() {
        return name;
    }
}
