package io.tugboat.api.meta;


/**
 * Points from a dependent object to its owner; the garbage collector deletes dependents whose owners are gone,
 * and {@code controller=true} marks the one owner that manages the object.
 *
 * <p>Field names and shapes are those of Kubernetes meta/v1 OwnerReference; absent fields are {@code null}.
 */
public record OwnerReference(
        String apiVersion,
        String kind,
        String name,
        String uid,
        Boolean controller,
        Boolean blockOwnerDeletion) {
}
