package io.tugboat.api.validation;

import io.tugboat.api.coordination.Lease;
import io.tugboat.api.coordination.LeaseSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * Leases, the heartbeat and leader-election objects: a lease that lasts zero seconds could never be held, and
 * the transition counter only grows from zero. Mirrors {@code ValidateLease} ({@code pkg/apis/coordination}).
 */
final class LeaseValidator implements KindValidator<Lease> {

    @Override
    public Class<Lease> type() {
        return Lease.class;
    }

    @Override
    public List<FieldError> validate(Lease lease) {
        List<FieldError> errs = new ArrayList<>(
                MetaValidation.objectMeta(lease.metadata(), true, Formats.SUBDOMAIN_NAME, FieldPath.root("metadata")));
        errs.addAll(spec(lease.spec()));
        return errs;
    }

    @Override
    public List<FieldError> validateUpdate(Lease n, Lease o) {
        List<FieldError> errs = new ArrayList<>(
                MetaValidation.objectMetaUpdate(n.metadata(), o.metadata(), FieldPath.root("metadata")));
        errs.addAll(spec(n.spec()));
        return errs;
    }

    private static List<FieldError> spec(LeaseSpec spec) {
        List<FieldError> errs = new ArrayList<>();
        if (spec == null) {
            return errs;
        }
        FieldPath path = FieldPath.root("spec");
        if (spec.leaseDurationSeconds() != null && spec.leaseDurationSeconds() <= 0) {
            errs.add(FieldError.invalid(path.child("leaseDurationSeconds"), spec.leaseDurationSeconds(), "must be greater than 0"));
        }
        if (spec.leaseTransitions() != null && spec.leaseTransitions() < 0) {
            errs.add(FieldError.invalid(path.child("leaseTransitions"), spec.leaseTransitions(), "must be greater than or equal to 0"));
        }
        return errs;
    }
}
