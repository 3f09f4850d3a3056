package io.tugboat.api.validation;

import io.tugboat.api.apps.ReplicaSet;
import io.tugboat.api.apps.ReplicaSetSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * ReplicaSets: a non-negative replica count, a selector matching a valid, always-restarting template. Mirrors
 * {@code ValidateReplicaSetSpec} (whose empty-selector message says "deployment" for ReplicaSets too); the
 * selector is immutable in apps/v1.
 */
final class ReplicaSetValidator implements KindValidator<ReplicaSet> {

    @Override
    public Class<ReplicaSet> type() {
        return ReplicaSet.class;
    }

    @Override
    public List<FieldError> validate(ReplicaSet rs) {
        List<FieldError> errs = new ArrayList<>(
                MetaValidation.objectMeta(rs.metadata(), true, Formats.SUBDOMAIN_NAME, FieldPath.root("metadata")));
        errs.addAll(spec(rs.spec()));
        return errs;
    }

    @Override
    public List<FieldError> validateUpdate(ReplicaSet n, ReplicaSet o) {
        List<FieldError> errs = new ArrayList<>(
                MetaValidation.objectMetaUpdate(n.metadata(), o.metadata(), FieldPath.root("metadata")));
        errs.addAll(spec(n.spec()));
        errs.addAll(WorkloadValidation.immutableSelector(spec0(n.spec()).selector(), spec0(o.spec()).selector()));
        return errs;
    }

    private static List<FieldError> spec(ReplicaSetSpec spec) {
        ReplicaSetSpec s = spec0(spec);
        FieldPath path = FieldPath.root("spec");
        List<FieldError> errs = new ArrayList<>();
        errs.addAll(MetaValidation.nonNegative(WorkloadValidation.intOrZero(s.replicas()), path.child("replicas")));
        errs.addAll(MetaValidation.nonNegative(WorkloadValidation.intOrZero(s.minReadySeconds()), path.child("minReadySeconds")));
        boolean convertible = WorkloadValidation.requiredSelector(s.selector(), path.child("selector"), "deployment", errs);
        if (!convertible) {
            errs.add(FieldError.invalid(path.child("selector"), s.selector(), "invalid label selector"));
        } else {
            errs.addAll(WorkloadValidation.replicaSetTemplate(s.selector(), s.template(), path.child("template"), "ReplicaSet"));
        }
        return errs;
    }

    private static ReplicaSetSpec spec0(ReplicaSetSpec spec) {
        return spec == null ? new ReplicaSetSpec(null, null, null, null) : spec;
    }
}
