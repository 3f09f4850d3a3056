package io.tugboat.apiserver.registry;

import io.tugboat.api.meta.KubernetesObject;
import io.tugboat.api.meta.StatusCause;
import java.util.List;
import java.util.Map;

/**
 * What differs between kinds in the otherwise generic {@link Registry}: how a new object is prepared, which
 * fields an update may touch, defaulting, validation and the fields a field selector can use. Modelled on
 * Kubernetes' {@code rest.RESTCreateStrategy}/{@code RESTUpdateStrategy}. Every method is a pure function of
 * its arguments, so strategies are unit-testable without a server.
 */
public interface Strategy {

    /** Clears or initialises fields a client may not set on create (e.g. a Deployment's status). */
    KubernetesObject prepareForCreate(KubernetesObject object);

    /**
     * Fixes up an update of the main resource: for kinds with a status subresource the status is taken from
     * {@code old}, since status changes go through {@code /status}.
     */
    KubernetesObject prepareForUpdate(KubernetesObject updated, KubernetesObject old);

    /** An update through {@code /status}: everything but the status is taken from {@code old}. */
    KubernetesObject prepareForStatusUpdate(KubernetesObject updated, KubernetesObject old);

    /** Fills in Kubernetes' defaults. Idempotent. */
    KubernetesObject applyDefaults(KubernetesObject object);

    /** Every problem with a new object. */
    List<StatusCause> validate(KubernetesObject object);

    /** Every problem with an update, including changes to immutable fields. */
    List<StatusCause> validateUpdate(KubernetesObject updated, KubernetesObject old);

    /**
     * The values of the fields a field selector may use for this kind, beyond {@code metadata.name} and
     * {@code metadata.namespace} (which every kind supports).
     */
    Map<String, String> selectableFields(KubernetesObject object);

    /** Whether the kind has a status subresource whose content the main resource ignores. */
    boolean hasStatusSubresource();

    /** Whether a change from {@code old} to {@code updated} changes the spec, bumping {@code metadata.generation}. */
    boolean specChanged(KubernetesObject updated, KubernetesObject old);
}
