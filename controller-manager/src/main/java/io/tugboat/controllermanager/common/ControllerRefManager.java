package io.tugboat.controllermanager.common;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tugboat.api.Codec;
import io.tugboat.api.labels.Selector;
import io.tugboat.api.meta.KubernetesObject;
import io.tugboat.api.meta.ObjectMeta;
import io.tugboat.api.meta.OwnerReference;
import io.tugboat.client.ApiException;
import io.tugboat.client.ObjectClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Decides which objects a controller owns, and makes ownership match its selector (Kubernetes'
 * {@code ControllerRefManager.ClaimObject}):
 *
 * <pre>
 *   object's controller      selector matches   controller being deleted   claim
 *   ───────────────────      ────────────────   ────────────────────────   ─────────────────────────────
 *   another controller       any                any                        IGNORE (not ours to touch)
 *   us                       yes                any                        KEEP
 *   us                       no                 no                         RELEASE (remove our reference)
 *   us                       no                 yes                        IGNORE (the GC will sort it out)
 *   none (an orphan)         yes                no                         ADOPT (unless it is being deleted)
 *   none                     no, or deleting    -                          IGNORE
 * </pre>
 *
 * Adopting first re-reads the controller from the API server (not the cache): a controller deleted a moment ago
 * must not adopt anything, or its orphans would be lost with it. Writes are JSON merge patches of
 * {@code metadata.ownerReferences} carrying the object's uid and resourceVersion, so they apply only to the
 * object as it was seen.
 *
 * @param <T> the kind of the owned objects (Pods for a ReplicaSet, ReplicaSets for a Deployment)
 */
public final class ControllerRefManager<T extends KubernetesObject> {
    /** What to do with one candidate. */
    public enum Claim { KEEP, IGNORE, ADOPT, RELEASE }

    /** Throws if the controller may not adopt (it is gone, replaced, or being deleted). */
    @FunctionalInterface
    public interface AdoptionCheck {
        void check() throws ApiException;
    }

    private final ObjectClient<T> client;
    private final ObjectMeta controller;
    private final OwnerReference controllerRef;
    private final Selector selector;
    private final AdoptionCheck adoptionCheck;
    private boolean adoptionChecked;

    /**
     * @param client        writes to the owned kind
     * @param controller    the controller's metadata, as cached
     * @param controllerRef the reference adopted objects get
     * @param selector      what the controller selects
     * @param adoptionCheck run once, before the first adoption
     */
    public ControllerRefManager(ObjectClient<T> client, ObjectMeta controller, OwnerReference controllerRef,
                                Selector selector, AdoptionCheck adoptionCheck) {
        this.client = client;
        this.controller = controller;
        this.controllerRef = controllerRef;
        this.selector = selector;
        this.adoptionCheck = adoptionCheck;
    }

    /** The claim on one object: the table above, as a pure function. */
    public static Claim decide(ObjectMeta object, String controllerUid, boolean controllerDeleting, Selector selector) {
        OwnerReference ref = ControllerRefs.controllerOf(object);
        boolean matches = selector.matches(object.labels() == null ? Map.of() : object.labels());
        if (ref != null) {
            if (!controllerUid.equals(ref.uid())) {
                return Claim.IGNORE;
            }
            if (matches) {
                return Claim.KEEP;
            }
            return controllerDeleting ? Claim.IGNORE : Claim.RELEASE;
        }
        if (controllerDeleting || !matches || object.deletionTimestamp() != null) {
            return Claim.IGNORE;
        }
        return Claim.ADOPT;
    }

    /**
     * Claims among {@code candidates}: returns those owned after adoption and release (in the order given). Every
     * candidate is handled even if one write fails; the first failure is then thrown, so the caller retries.
     */
    public List<T> claim(List<T> candidates) throws ApiException {
        List<T> owned = new ArrayList<>();
        ApiException firstError = null;
        boolean deleting = controller.deletionTimestamp() != null;
        for (T candidate : candidates) {
            try {
                switch (decide(candidate.metadata(), controller.uid(), deleting, selector)) {
                    case KEEP -> owned.add(candidate);
                    case ADOPT -> {
                        T adopted = adopt(candidate);
                        if (adopted != null) {
                            owned.add(adopted);
                        }
                    }
                    case RELEASE -> release(candidate);
                    case IGNORE -> { }
                }
            } catch (ApiException e) {
                firstError = firstError == null ? e : firstError;
            }
        }
        if (firstError != null) {
            throw firstError;
        }
        return owned;
    }

    private T adopt(T object) throws ApiException {
        if (!adoptionChecked) {
            adoptionCheck.check();
            adoptionChecked = true;
        }
        List<OwnerReference> refs = new ArrayList<>();
        if (object.metadata().ownerReferences() != null) {
            refs.addAll(object.metadata().ownerReferences());
        }
        refs.removeIf(r -> r != null && controllerRef.uid().equals(r.uid()));
        refs.add(controllerRef);
        try {
            return patchOwners(object, refs);
        } catch (ApiException.NotFoundException e) {
            return null; // gone meanwhile: nothing to own
        }
    }

    private void release(T object) throws ApiException {
        List<OwnerReference> refs = new ArrayList<>(object.metadata().ownerReferences());
        refs.removeIf(r -> r != null && controllerRef.uid().equals(r.uid()));
        try {
            patchOwners(object, refs.isEmpty() ? null : refs);
        } catch (ApiException.NotFoundException e) {
            // gone meanwhile: released anyway
        }
    }

    private T patchOwners(T object, List<OwnerReference> refs) throws ApiException {
        ObjectNode patch = Codec.json().createObjectNode();
        ObjectNode metadata = patch.putObject("metadata");
        if (refs == null) {
            metadata.putNull("ownerReferences"); // null removes the field in a merge patch
        } else {
            metadata.set("ownerReferences", Codec.toTree(refs));
        }
        metadata.put("uid", object.metadata().uid());
        metadata.put("resourceVersion", object.metadata().resourceVersion());
        return client.inNamespace(object.metadata().namespace()).mergePatch(object.metadata().name(), patch.toString());
    }
}
