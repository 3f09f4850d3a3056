package io.tugboat.api.validation;

import io.tugboat.api.apps.RollingUpdateStatefulSetStrategy;
import io.tugboat.api.apps.StatefulSet;
import io.tugboat.api.apps.StatefulSetPersistentVolumeClaimRetentionPolicy;
import io.tugboat.api.apps.StatefulSetSpec;
import io.tugboat.api.apps.StatefulSetUpdateStrategy;
import io.tugboat.api.meta.ObjectMeta;
import java.util.ArrayList;
import java.util.List;

/**
 * StatefulSets: pods with stable names ({@code web-0}, {@code web-1}), so the name itself must be a DNS label.
 * Mirrors {@code ValidateStatefulSetSpec}. Two Kubernetes facts worth knowing:
 * <ul>
 *   <li>Only the template's labels and annotations are validated, not its pod spec (Kubernetes leaves that check
 *       disabled, with a TODO, because of how volume claim templates supply volumes); a bad container shows up
 *       when the controller creates pods.</li>
 *   <li>After creation only replicas, template, update strategy, minReadySeconds and the PVC retention policy may
 *       change.</li>
 * </ul>
 */
final class StatefulSetValidator implements KindValidator<StatefulSet> {

    private static final List<String> RETENTION_POLICIES = List.of("Retain", "Delete");

    @Override
    public Class<StatefulSet> type() {
        return StatefulSet.class;
    }

    @Override
    public List<FieldError> validate(StatefulSet sts) {
        List<FieldError> errs = new ArrayList<>(
                MetaValidation.objectMeta(sts.metadata(), true, Formats.LABEL_NAME, FieldPath.root("metadata")));
        errs.addAll(spec(sts.spec()));
        return errs;
    }

    @Override
    public List<FieldError> validateUpdate(StatefulSet n, StatefulSet o) {
        List<FieldError> errs = new ArrayList<>(
                MetaValidation.objectMetaUpdate(n.metadata(), o.metadata(), FieldPath.root("metadata")));
        errs.addAll(spec(n.spec()));
        StatefulSetSpec newSpec = spec0(n.spec());
        StatefulSetSpec oldSpec = spec0(o.spec());
        StatefulSetSpec comparable = newSpec
                .withReplicas(oldSpec.replicas())
                .withTemplate(oldSpec.template())
                .withUpdateStrategy(oldSpec.updateStrategy())
                .withMinReadySeconds(oldSpec.minReadySeconds())
                .withPersistentVolumeClaimRetentionPolicy(oldSpec.persistentVolumeClaimRetentionPolicy());
        if (!Semantic.equal(comparable, oldSpec)) {
            errs.add(FieldError.forbidden(FieldPath.root("spec"), "updates to statefulset spec for fields other than "
                    + "'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' "
                    + "and 'minReadySeconds' are forbidden"));
        }
        return errs;
    }

    private static List<FieldError> spec(StatefulSetSpec spec) {
        StatefulSetSpec s = spec0(spec);
        FieldPath path = FieldPath.root("spec");
        List<FieldError> errs = new ArrayList<>();
        String policy = MetaValidation.str(s.podManagementPolicy());
        switch (policy) {
            case "" -> errs.add(FieldError.required(path.child("podManagementPolicy"), ""));
            case "OrderedReady", "Parallel" -> {
            }
            default -> errs.add(FieldError.invalid(path.child("podManagementPolicy"), policy, "must be 'OrderedReady' or 'Parallel'"));
        }
        errs.addAll(updateStrategy(s.updateStrategy(), path.child("updateStrategy")));
        errs.addAll(retentionPolicy(s.persistentVolumeClaimRetentionPolicy(), path.child("persistentVolumeClaimRetentionPolicy")));
        errs.addAll(MetaValidation.nonNegative(WorkloadValidation.intOrZero(s.replicas()), path.child("replicas")));
        errs.addAll(MetaValidation.nonNegative(WorkloadValidation.intOrZero(s.minReadySeconds()), path.child("minReadySeconds")));
        boolean convertible = WorkloadValidation.requiredSelector(s.selector(), path.child("selector"), "statefulset", errs);
        FieldPath templatePath = path.child("template");
        if (!convertible) {
            errs.add(FieldError.invalid(path.child("selector"), s.selector(), ""));
        } else {
            errs.addAll(WorkloadValidation.selectorMatchesTemplate(s.selector(), s.template(), templatePath));
            ObjectMeta meta = WorkloadValidation.templateMeta(s.template());
            errs.addAll(MetaValidation.labels(meta.labels(), templatePath.child("labels")));
            errs.addAll(MetaValidation.annotations(meta.annotations(), templatePath.child("annotations")));
            errs.addAll(PodSpecValidation.podAnnotations(meta.annotations(), templatePath.child("annotations")));
        }
        errs.addAll(WorkloadValidation.alwaysRestarting(s.template(), templatePath, "StatefulSet"));
        return errs;
    }

    private static List<FieldError> updateStrategy(StatefulSetUpdateStrategy strategy, FieldPath path) {
        String type = strategy == null ? "" : MetaValidation.str(strategy.type());
        RollingUpdateStatefulSetStrategy rolling = strategy == null ? null : strategy.rollingUpdate();
        List<FieldError> errs = new ArrayList<>();
        switch (type) {
            case "" -> errs.add(FieldError.required(path, ""));
            case "OnDelete" -> {
                if (rolling != null) {
                    errs.add(FieldError.invalid(path.child("rollingUpdate"), goStruct(rolling),
                            "only allowed for updateStrategy 'RollingUpdate'"));
                }
            }
            case "RollingUpdate" -> {
                if (rolling != null) {
                    FieldPath rollingPath = path.child("rollingUpdate");
                    errs.addAll(MetaValidation.nonNegative(WorkloadValidation.intOrZero(rolling.partition()), rollingPath.child("partition")));
                    if (rolling.maxUnavailable() != null) {
                        FieldPath maxUnavailable = rollingPath.child("maxUnavailable");
                        errs.addAll(WorkloadValidation.positiveIntOrPercent(rolling.maxUnavailable(), maxUnavailable));
                        if (WorkloadValidation.intOrPercentValue(rolling.maxUnavailable()) == 0) {
                            errs.add(FieldError.invalid(maxUnavailable, rolling.maxUnavailable(), "cannot be 0"));
                        }
                        errs.addAll(WorkloadValidation.notMoreThan100Percent(rolling.maxUnavailable(), maxUnavailable));
                    }
                }
            }
            default -> errs.add(FieldError.invalid(path,
                    GoFormat.GoStruct.of("Type", type, "RollingUpdate", rolling == null ? null : goStruct(rolling)),
                    "must be 'RollingUpdate' or 'OnDelete'"));
        }
        return errs;
    }

    private static GoFormat.GoStruct goStruct(RollingUpdateStatefulSetStrategy r) {
        return GoFormat.GoStruct.of("Partition", WorkloadValidation.intOrZero(r.partition()), "MaxUnavailable", r.maxUnavailable());
    }

    private static List<FieldError> retentionPolicy(StatefulSetPersistentVolumeClaimRetentionPolicy policy, FieldPath path) {
        List<FieldError> errs = new ArrayList<>();
        if (policy == null) {
            return errs;
        }
        String whenDeleted = MetaValidation.str(policy.whenDeleted());
        if (!RETENTION_POLICIES.contains(whenDeleted)) {
            errs.add(FieldError.notSupported(path.child("whenDeleted"), whenDeleted, RETENTION_POLICIES));
        }
        String whenScaled = MetaValidation.str(policy.whenScaled());
        if (!RETENTION_POLICIES.contains(whenScaled)) {
            errs.add(FieldError.notSupported(path.child("whenScaled"), whenScaled, RETENTION_POLICIES));
        }
        return errs;
    }

    private static StatefulSetSpec spec0(StatefulSetSpec spec) {
        return spec == null ? new StatefulSetSpec(null, null, null, null, null, null, null, null, null, null) : spec;
    }
}
