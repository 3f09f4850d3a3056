package io.tugboat.api.meta;

import io.tugboat.api.Copies;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Metadata every persisted object carries: identity, labels and annotations, ownership and the
 * lifecycle fields the API server sets (uid, resourceVersion, generation, timestamps).
 *
 * <p>Field names and shapes are those of Kubernetes meta/v1 ObjectMeta; absent fields are {@code null}.
 */
public record ObjectMeta(
        String name,
        String generateName,
        String namespace,
        String selfLink,
        String uid,
        String resourceVersion,
        Long generation,
        Instant creationTimestamp,
        Instant deletionTimestamp,
        Long deletionGracePeriodSeconds,
        Map<String, String> labels,
        Map<String, String> annotations,
        List<OwnerReference> ownerReferences,
        List<String> finalizers) {
    /** Collections are copied, so a record never shares mutable state with its caller. */
    public ObjectMeta {
        labels = Copies.map(labels);
        annotations = Copies.map(annotations);
        ownerReferences = Copies.list(ownerReferences);
        finalizers = Copies.list(finalizers);
    }

    public ObjectMeta withName(String name) {
        return new ObjectMeta(name, generateName, namespace, selfLink, uid, resourceVersion, generation, creationTimestamp, deletionTimestamp, deletionGracePeriodSeconds, labels, annotations, ownerReferences, finalizers);
    }

    public ObjectMeta withGenerateName(String generateName) {
        return new ObjectMeta(name, generateName, namespace, selfLink, uid, resourceVersion, generation, creationTimestamp, deletionTimestamp, deletionGracePeriodSeconds, labels, annotations, ownerReferences, finalizers);
    }

    public ObjectMeta withNamespace(String namespace) {
        return new ObjectMeta(name, generateName, namespace, selfLink, uid, resourceVersion, generation, creationTimestamp, deletionTimestamp, deletionGracePeriodSeconds, labels, annotations, ownerReferences, finalizers);
    }

    public ObjectMeta withSelfLink(String selfLink) {
        return new ObjectMeta(name, generateName, namespace, selfLink, uid, resourceVersion, generation, creationTimestamp, deletionTimestamp, deletionGracePeriodSeconds, labels, annotations, ownerReferences, finalizers);
    }

    public ObjectMeta withUid(String uid) {
        return new ObjectMeta(name, generateName, namespace, selfLink, uid, resourceVersion, generation, creationTimestamp, deletionTimestamp, deletionGracePeriodSeconds, labels, annotations, ownerReferences, finalizers);
    }

    public ObjectMeta withResourceVersion(String resourceVersion) {
        return new ObjectMeta(name, generateName, namespace, selfLink, uid, resourceVersion, generation, creationTimestamp, deletionTimestamp, deletionGracePeriodSeconds, labels, annotations, ownerReferences, finalizers);
    }

    public ObjectMeta withGeneration(Long generation) {
        return new ObjectMeta(name, generateName, namespace, selfLink, uid, resourceVersion, generation, creationTimestamp, deletionTimestamp, deletionGracePeriodSeconds, labels, annotations, ownerReferences, finalizers);
    }

    public ObjectMeta withCreationTimestamp(Instant creationTimestamp) {
        return new ObjectMeta(name, generateName, namespace, selfLink, uid, resourceVersion, generation, creationTimestamp, deletionTimestamp, deletionGracePeriodSeconds, labels, annotations, ownerReferences, finalizers);
    }

    public ObjectMeta withDeletionTimestamp(Instant deletionTimestamp) {
        return new ObjectMeta(name, generateName, namespace, selfLink, uid, resourceVersion, generation, creationTimestamp, deletionTimestamp, deletionGracePeriodSeconds, labels, annotations, ownerReferences, finalizers);
    }

    public ObjectMeta withDeletionGracePeriodSeconds(Long deletionGracePeriodSeconds) {
        return new ObjectMeta(name, generateName, namespace, selfLink, uid, resourceVersion, generation, creationTimestamp, deletionTimestamp, deletionGracePeriodSeconds, labels, annotations, ownerReferences, finalizers);
    }

    public ObjectMeta withLabels(Map<String, String> labels) {
        return new ObjectMeta(name, generateName, namespace, selfLink, uid, resourceVersion, generation, creationTimestamp, deletionTimestamp, deletionGracePeriodSeconds, labels, annotations, ownerReferences, finalizers);
    }

    public ObjectMeta withAnnotations(Map<String, String> annotations) {
        return new ObjectMeta(name, generateName, namespace, selfLink, uid, resourceVersion, generation, creationTimestamp, deletionTimestamp, deletionGracePeriodSeconds, labels, annotations, ownerReferences, finalizers);
    }

    public ObjectMeta withOwnerReferences(List<OwnerReference> ownerReferences) {
        return new ObjectMeta(name, generateName, namespace, selfLink, uid, resourceVersion, generation, creationTimestamp, deletionTimestamp, deletionGracePeriodSeconds, labels, annotations, ownerReferences, finalizers);
    }

    public ObjectMeta withFinalizers(List<String> finalizers) {
        return new ObjectMeta(name, generateName, namespace, selfLink, uid, resourceVersion, generation, creationTimestamp, deletionTimestamp, deletionGracePeriodSeconds, labels, annotations, ownerReferences, finalizers);
    }
}
