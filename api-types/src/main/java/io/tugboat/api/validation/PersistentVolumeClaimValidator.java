package io.tugboat.api.validation;

import io.tugboat.api.Quantity;
import io.tugboat.api.core.PersistentVolumeClaim;
import io.tugboat.api.core.PersistentVolumeClaimSpec;
import io.tugboat.api.core.VolumeResourceRequirements;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * PersistentVolumeClaims: at least one access mode and a positive storage request — a claim is a request for a
 * size of storage, so it must say how much. Mirrors {@code ValidatePersistentVolumeClaim}.
 *
 * <p>After creation a claim is frozen, except that the binder sets {@code volumeName} once, a missing storage
 * class may be set, and a bound claim may grow (not shrink) its storage request.
 */
final class PersistentVolumeClaimValidator implements KindValidator<PersistentVolumeClaim> {

    @Override
    public Class<PersistentVolumeClaim> type() {
        return PersistentVolumeClaim.class;
    }

    @Override
    public List<FieldError> validate(PersistentVolumeClaim pvc) {
        List<FieldError> errs = new ArrayList<>(
                MetaValidation.objectMeta(pvc.metadata(), true, Formats.SUBDOMAIN_NAME, FieldPath.root("metadata")));
        errs.addAll(spec(pvc.spec(), FieldPath.root("spec")));
        return errs;
    }

    /** A claim spec, also used for the volume claim templates of StatefulSets. */
    static List<FieldError> spec(PersistentVolumeClaimSpec spec, FieldPath path) {
        PersistentVolumeClaimSpec s = spec0(spec);
        List<FieldError> errs = new ArrayList<>();
        if (MetaValidation.list(s.accessModes()).isEmpty()) {
            errs.add(FieldError.required(path.child("accessModes"), "at least 1 access mode is required"));
        }
        errs.addAll(LabelSelectors.validate(s.selector(), path.child("selector")));
        errs.addAll(StorageValidation.accessModes(s.accessModes(), path.child("accessModes")));
        FieldPath storagePath = path.child("resources").key("storage");
        Quantity storage = storage(s);
        if (storage == null) {
            errs.add(FieldError.required(storagePath, ""));
        } else {
            List<FieldError> positive = ResourceValidation.positive(storage, storagePath);
            errs.addAll(positive.isEmpty() ? ResourceValidation.quantityValue("storage", storage, storagePath) : positive);
        }
        errs.addAll(StorageValidation.storageClassName(s.storageClassName(), path.child("storageClassName")));
        errs.addAll(StorageValidation.volumeMode(s.volumeMode(), path.child("volumeMode")));
        return errs;
    }

    @Override
    public List<FieldError> validateUpdate(PersistentVolumeClaim n, PersistentVolumeClaim o) {
        List<FieldError> errs = new ArrayList<>(
                MetaValidation.objectMetaUpdate(n.metadata(), o.metadata(), FieldPath.root("metadata")));
        errs.addAll(validate(n));
        PersistentVolumeClaimSpec newSpec = spec0(n.spec());
        PersistentVolumeClaimSpec oldSpec = spec0(o.spec());
        PersistentVolumeClaimSpec comparable = newSpec;
        if (MetaValidation.str(oldSpec.volumeName()).isEmpty()) {
            comparable = comparable.withVolumeName(oldSpec.volumeName());
        }
        if (oldSpec.storageClassName() == null) {
            comparable = comparable.withStorageClassName(null);
        }
        boolean bound = n.status() != null && "Bound".equals(n.status().phase());
        if (bound && newSpec.resources() != null && newSpec.resources().requests() != null) {
            Map<String, Quantity> requests = new HashMap<>(newSpec.resources().requests());
            Quantity oldStorage = storage(oldSpec);
            if (oldStorage == null) {
                requests.remove("storage");
            } else {
                requests.put("storage", oldStorage);
            }
            comparable = comparable.withResources(new VolumeResourceRequirements(newSpec.resources().limits(), requests));
        }
        if (!Semantic.equal(comparable, oldSpec)) {
            errs.add(FieldError.forbidden(FieldPath.root("spec"), "spec is immutable after creation except "
                    + "resources.requests and volumeAttributesClassName for bound claims" + SpecDiff.of(oldSpec, comparable)));
        }
        Quantity newSize = storage(newSpec);
        Quantity oldSize = storage(oldSpec);
        if (newSize != null && oldSize != null && newSize.compareTo(oldSize) < 0) {
            errs.add(FieldError.forbidden(FieldPath.root("spec", "resources", "requests", "storage"),
                    "field can not be less than previous value"));
        }
        // Kubernetes names this path without "spec".
        errs.addAll(MetaValidation.immutable(newSpec.volumeMode(), oldSpec.volumeMode(), FieldPath.root("volumeMode")));
        return errs;
    }

    private static Quantity storage(PersistentVolumeClaimSpec s) {
        return s.resources() == null || s.resources().requests() == null ? null : s.resources().requests().get("storage");
    }

    private static PersistentVolumeClaimSpec spec0(PersistentVolumeClaimSpec spec) {
        return spec == null ? new PersistentVolumeClaimSpec(null, null, null, null, null, null) : spec;
    }
}
