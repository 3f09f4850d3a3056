package io.tugboat.api.validation;

import io.tugboat.api.Quantity;
import io.tugboat.api.core.PersistentVolume;
import io.tugboat.api.core.PersistentVolumeSpec;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * PersistentVolumes: a piece of storage with a positive {@code storage} capacity, access modes, and exactly one
 * source (Tugboat models {@code hostPath} and {@code local}; a local volume is pinned to nodes, so it needs
 * {@code nodeAffinity}). The source never changes once created. Mirrors {@code ValidatePersistentVolumeSpec}.
 */
final class PersistentVolumeValidator implements KindValidator<PersistentVolume> {

    private static final List<String> RECLAIM_POLICIES = List.of("Delete", "Recycle", "Retain");

    @Override
    public Class<PersistentVolume> type() {
        return PersistentVolume.class;
    }

    @Override
    public List<FieldError> validate(PersistentVolume pv) {
        List<FieldError> errs = new ArrayList<>(
                MetaValidation.objectMeta(pv.metadata(), false, Formats.SUBDOMAIN_NAME, FieldPath.root("metadata")));
        errs.addAll(spec(spec0(pv.spec()), FieldPath.root("spec")));
        return errs;
    }

    private static List<FieldError> spec(PersistentVolumeSpec s, FieldPath path) {
        List<FieldError> errs = new ArrayList<>();
        if (MetaValidation.list(s.accessModes()).isEmpty()) {
            errs.add(FieldError.required(path.child("accessModes"), ""));
        }
        errs.addAll(StorageValidation.accessModes(s.accessModes(), path.child("accessModes")));
        Map<String, Quantity> capacity = MetaValidation.sorted(s.capacity());
        FieldPath capPath = path.child("capacity");
        if (capacity.isEmpty()) {
            errs.add(FieldError.required(capPath, ""));
        }
        if (!capacity.containsKey("storage") || capacity.size() > 1) {
            errs.add(FieldError.notSupported(capPath, capacity, List.of("storage")));
        }
        for (Map.Entry<String, Quantity> e : capacity.entrySet()) {
            FieldPath p = capPath.key(e.getKey());
            Quantity q = e.getValue();
            if (q == null) {
                continue;
            }
            long rounded = q.value().setScale(0, RoundingMode.CEILING).longValue();
            if (rounded < 0) {
                errs.add(FieldError.invalid(p, rounded, "must be a valid resource quantity"));
            }
            errs.addAll(ResourceValidation.positive(q, p));
        }
        String reclaim = MetaValidation.str(s.persistentVolumeReclaimPolicy());
        if (!reclaim.isEmpty() && !RECLAIM_POLICIES.contains(reclaim)) {
            errs.add(FieldError.notSupported(path.child("persistentVolumeReclaimPolicy"), reclaim, RECLAIM_POLICIES));
        }
        boolean nodeAffinitySpecified = s.nodeAffinity() != null;
        if (nodeAffinitySpecified) {
            FieldPath naPath = path.child("nodeAffinity");
            if (s.nodeAffinity().required() == null) {
                errs.add(FieldError.required(naPath.child("required"), "must specify required node constraints"));
            } else {
                errs.addAll(PodSpecValidation.nodeSelector(s.nodeAffinity().required(), naPath.child("required"), false));
            }
        }
        int sources = 0;
        if (s.hostPath() != null) {
            sources++;
            errs.addAll(VolumeValidation.hostPath(s.hostPath(), path.child("hostPath")));
        }
        if (s.local() != null) {
            if (sources++ > 0) {
                errs.add(FieldError.forbidden(path.child("local"), "may not specify more than 1 volume type"));
            } else {
                String localPath = MetaValidation.str(s.local().path());
                if (localPath.isEmpty()) {
                    errs.add(FieldError.required(path.child("local").child("path"), ""));
                } else {
                    errs.addAll(VolumeValidation.noBacksteps(localPath, path.child("local").child("path")));
                }
                if (!nodeAffinitySpecified) {
                    errs.add(FieldError.required(path.child("nodeAffinity"), "Local volume requires node affinity"));
                }
            }
        }
        if (sources == 0) {
            errs.add(FieldError.required(path, "must specify a volume type"));
        }
        if (s.hostPath() != null && isRoot(MetaValidation.str(s.hostPath().path())) && reclaim.equals("Recycle")) {
            // Recycling scrubs the volume's files: on "/" that would be the node's own file system.
            errs.add(FieldError.forbidden(path.child("persistentVolumeReclaimPolicy"), "may not be 'recycle' for a hostPath mount of '/'"));
        }
        errs.addAll(StorageValidation.storageClassName(s.storageClassName(), path.child("storageClassName")));
        errs.addAll(StorageValidation.volumeMode(s.volumeMode(), path.child("volumeMode")));
        return errs;
    }

    @Override
    public List<FieldError> validateUpdate(PersistentVolume n, PersistentVolume o) {
        List<FieldError> errs = new ArrayList<>(
                MetaValidation.objectMetaUpdate(n.metadata(), o.metadata(), FieldPath.root("metadata")));
        errs.addAll(validate(n));
        PersistentVolumeSpec newSpec = spec0(n.spec());
        PersistentVolumeSpec oldSpec = spec0(o.spec());
        if (!Objects.equals(newSpec.hostPath(), oldSpec.hostPath()) || !Objects.equals(newSpec.local(), oldSpec.local())) {
            errs.add(FieldError.forbidden(FieldPath.root("spec", "persistentvolumesource"),
                    "spec.persistentvolumesource is immutable after creation" + SpecDiff.of(source(oldSpec), source(newSpec))));
        }
        // Kubernetes names these two paths without "spec".
        errs.addAll(MetaValidation.immutable(newSpec.volumeMode(), oldSpec.volumeMode(), FieldPath.root("volumeMode")));
        if (oldSpec.nodeAffinity() != null && !Semantic.equal(newSpec.nodeAffinity(), oldSpec.nodeAffinity())) {
            errs.add(FieldError.invalid(FieldPath.root("nodeAffinity"), newSpec.nodeAffinity(),
                    MetaValidation.IMMUTABLE_ERROR + ", except for updating from beta label to GA"));
        }
        return errs;
    }

    private static Map<String, Object> source(PersistentVolumeSpec s) {
        Map<String, Object> source = new LinkedHashMap<>();
        source.put("hostPath", s.hostPath());
        source.put("local", s.local());
        return source;
    }

    private static boolean isRoot(String p) {
        return !p.isEmpty() && p.chars().allMatch(c -> c == '/');
    }

    private static PersistentVolumeSpec spec0(PersistentVolumeSpec spec) {
        return spec == null ? new PersistentVolumeSpec(null, null, null, null, null, null, null, null, null, null) : spec;
    }
}
