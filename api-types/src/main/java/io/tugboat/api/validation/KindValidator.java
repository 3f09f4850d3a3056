package io.tugboat.api.validation;

import io.tugboat.api.meta.KubernetesObject;
import java.util.List;

/**
 * The rules of one kind. Implementations are stateless and return every problem they find, in Kubernetes'
 * order; an empty list means valid. They never throw for bad input: a bad object is an expected outcome.
 *
 * @param <T> the kind validated
 */
interface KindValidator<T extends KubernetesObject> {

    /** The record type this validator handles. */
    Class<T> type();

    /** Rules for an object about to be created (or replaced wholesale). */
    List<FieldError> validate(T object);

    /**
     * Rules for an update from {@code oldObject} to {@code newObject}: the new object must be valid, and fields
     * that Kubernetes treats as immutable must not change.
     */
    List<FieldError> validateUpdate(T newObject, T oldObject);
}
