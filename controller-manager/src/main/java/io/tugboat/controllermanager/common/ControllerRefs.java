package io.tugboat.controllermanager.common;

import io.tugboat.api.meta.KubernetesObject;
import io.tugboat.api.meta.Status;
import io.tugboat.client.ApiException;
import io.tugboat.client.ObjectClient;
import io.tugboat.api.meta.ObjectMeta;
import io.tugboat.api.meta.OwnerReference;
import java.util.List;

/**
 * The controller reference: among an object's ownerReferences, the one with {@code controller: true}. At most one
 * owner controls an object; it is the one that created or adopted it and the only one that may change or delete
 * it (Kubernetes' {@code metav1.GetControllerOf} and {@code NewControllerRef}).
 */
public final class ControllerRefs {
    private ControllerRefs() {
    }

    /** The controlling owner of {@code meta}, or {@code null} for an orphan. */
    public static OwnerReference controllerOf(ObjectMeta meta) {
        List<OwnerReference> refs = meta == null ? null : meta.ownerReferences();
        if (refs == null) {
            return null;
        }
        for (OwnerReference ref : refs) {
            if (ref != null && Boolean.TRUE.equals(ref.controller())) {
                return ref;
            }
        }
        return null;
    }

    /** The controlling owner of {@code object}, or {@code null}. */
    public static OwnerReference controllerOf(KubernetesObject object) {
        return controllerOf(object.metadata());
    }

    /**
     * A reference making {@code owner} the controller of a dependent: {@code controller: true}, and
     * {@code blockOwnerDeletion: true} so that a foreground deletion of the owner waits for the dependent.
     */
    public static OwnerReference newControllerRef(KubernetesObject owner, String apiVersion, String kind) {
        return new OwnerReference(apiVersion, kind, owner.metadata().name(), owner.metadata().uid(), true, true);
    }

    /** Whether {@code ref} points at an object of {@code kind} in the API group of {@code apiVersion}. */
    public static boolean refersTo(OwnerReference ref, String apiVersion, String kind) {
        return ref != null && kind.equals(ref.kind()) && group(apiVersion).equals(group(ref.apiVersion()));
    }

    /**
     * The check {@link ControllerRefManager} runs before adopting: the controller, read again from the API server
     * rather than the cache, still has the uid that was cached and is not being deleted (Kubernetes'
     * {@code RecheckDeletionTimestamp}).
     */
    public static <C extends KubernetesObject> ControllerRefManager.AdoptionCheck adoptionCheck(
            ObjectClient<C> client, KubernetesObject cached) {
        ObjectMeta meta = cached.metadata();
        return () -> {
            C fresh = client.inNamespace(meta.namespace()).get(meta.name());
            if (!meta.uid().equals(fresh.metadata().uid())) {
                throw conflict(String.format("original %s %s/%s is gone: got uid %s, wanted %s",
                        cached.kind(), meta.namespace(), meta.name(), fresh.metadata().uid(), meta.uid()));
            }
            if (fresh.metadata().deletionTimestamp() != null) {
                throw conflict(String.format("%s %s/%s has just been deleted at %s",
                        cached.kind(), meta.namespace(), meta.name(), fresh.metadata().deletionTimestamp()));
            }
        };
    }

    private static ApiException conflict(String message) {
        return new ApiException.ConflictException(new Status("v1", "Status", null, "Failure", message, "Conflict", null, 409));
    }

    private static String group(String apiVersion) {
        if (apiVersion == null) {
            return "";
        }
        int slash = apiVersion.indexOf('/');
        return slash < 0 ? "" : apiVersion.substring(0, slash);
    }
}
