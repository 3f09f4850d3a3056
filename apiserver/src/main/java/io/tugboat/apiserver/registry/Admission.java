package io.tugboat.apiserver.registry;

import io.tugboat.api.defaulting.Defaulter;
import io.tugboat.api.meta.KubernetesObject;
import io.tugboat.api.meta.StatusCause;
import io.tugboat.api.validation.Validator;
import java.util.List;

/**
 * The seam between the registry and api-types' defaulting and validation, kept in one place so the
 * registry reads as the sequence Kubernetes runs: decode, default, validate, store.
 */
final class Admission {
    private Admission() {
    }

    static KubernetesObject applyDefaults(KubernetesObject object) {
        return Defaulter.apply(object);
    }

    static List<StatusCause> validate(KubernetesObject object) {
        return Validator.validate(object);
    }

    static List<StatusCause> validateUpdate(KubernetesObject updated, KubernetesObject old) {
        return Validator.validateUpdate(updated, old);
    }
}
