package io.tugboat.api.validation;

import io.tugboat.api.defaulting.Defaulter;
import io.tugboat.api.meta.KubernetesObject;
import io.tugboat.api.meta.StatusCause;
import java.util.List;

/**
 * One row of a validation table: a sentence saying what is being checked, the object, and the causes Kubernetes
 * returns for it (none for a valid object). Objects are defaulted before they are validated, as the API server
 * does.
 */
record Case(String name, KubernetesObject object, List<StatusCause> expected) {

    static Case of(String name, String baseYaml, String mergePatch, StatusCause... expected) {
        return new Case(name, Manifests.patched(baseYaml, mergePatch), List.of(expected));
    }

    List<StatusCause> actual() {
        return Validator.validate(Defaulter.apply(object));
    }

    @Override
    public String toString() {
        return name;
    }
}
