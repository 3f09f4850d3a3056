package io.tugboat.apiserver.rest;

import io.tugboat.api.meta.DeleteOptions;
import io.tugboat.api.meta.ListMeta;
import io.tugboat.api.meta.Status;
import io.tugboat.api.meta.StatusDetails;
import io.tugboat.api.policy.Eviction;
import io.tugboat.apiserver.registry.Registry;
import java.util.List;

/**
 * {@code POST /api/v1/namespaces/{ns}/pods/{name}/eviction}: the pod is deleted with the Eviction's
 * {@code deleteOptions} (grace period, preconditions, dry run), exactly as a DELETE with those options, and
 * the answer is a Status with code 201, as Kubernetes answers. This is what {@code kubectl drain} and
 * {@code tug drain} call.
 *
 * <p>In Kubernetes an eviction differs from a DELETE in one way: it is refused with 429 TooManyRequests
 * ("Cannot evict pod as it would violate the pod's disruption budget.") while a PodDisruptionBudget that
 * selects the pod allows no disruption. Tugboat has no PodDisruptionBudget kind yet, so no budget ever
 * refuses; the 429 path is the one to add here when it does (clients already retry on it).
 */
final class PodEviction {
    private PodEviction() {
    }

    static Reply evict(ApiRequest request, ResourcePath path, Registry pods, Responses responses) {
        if (!request.method().equals("POST")) {
            throw ApiError.methodNotAllowed("the server does not allow this method on the requested resource");
        }
        Eviction eviction = Bodies.decode(request, Eviction.class).value();
        if (eviction.kind() != null && !eviction.kind().isEmpty() && !eviction.kind().equals(Eviction.KIND)) {
            throw ApiError.badRequest("the body of pods/eviction must be an Eviction, not a " + eviction.kind());
        }
        if (eviction.apiVersion() != null && !eviction.apiVersion().isEmpty()
                && !List.of("policy/v1", "policy/v1beta1").contains(eviction.apiVersion())) {
            throw ApiError.badRequest("unsupported apiVersion \"" + eviction.apiVersion()
                    + "\" for an Eviction (policy/v1 or policy/v1beta1)");
        }
        String bodyName = eviction.metadata() == null ? null : eviction.metadata().name();
        if (bodyName == null || !bodyName.equals(path.name())) {
            throw ApiError.badRequest("name in URL does not match name in Eviction object");
        }
        String bodyNamespace = eviction.metadata().namespace();
        if (bodyNamespace != null && !bodyNamespace.isEmpty() && !bodyNamespace.equals(path.namespace())) {
            throw ApiError.badRequest("the namespace of the provided object does not match the namespace sent on the request");
        }
        DeleteOptions options = eviction.deleteOptions();
        boolean dryRun = request.isDryRun() || (options != null && options.dryRun() != null && options.dryRun().contains("All"));
        // Deleting also answers 404 for a missing pod and 409 for failed preconditions, as Kubernetes does.
        pods.delete(path.namespace(), path.name(), options, dryRun);
        Status ok = new Status("v1", "Status", new ListMeta(null, null, null, null), "Success", null, null,
                new StatusDetails(path.name(), "", "pods", null, null, null), 201);
        return responses.json(201, ok);
    }
}
