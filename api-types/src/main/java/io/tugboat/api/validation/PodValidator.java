package io.tugboat.api.validation;

import io.tugboat.api.core.Container;
import io.tugboat.api.core.Pod;
import io.tugboat.api.core.PodSpec;
import io.tugboat.api.core.Toleration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Pods: metadata, the pod spec, and the narrow set of changes a running pod accepts.
 *
 * <p>Once created, a pod is nearly frozen: the kubelet has started containers from it, and changing, say, a
 * volume underneath them is not something it could honour. Only container images, a shorter
 * {@code activeDeadlineSeconds} and additional tolerations may change (Kubernetes' {@code ValidatePodUpdate});
 * anything else is "Forbidden: pod updates may not change fields other than ...".
 */
final class PodValidator implements KindValidator<Pod> {

    private static final String UPDATABLE_FIELDS = String.join(",",
            "`spec.containers[*].image`",
            "`spec.initContainers[*].image`",
            "`spec.activeDeadlineSeconds`",
            "`spec.tolerations` (only additions to existing tolerations)",
            "`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)");

    @Override
    public Class<Pod> type() {
        return Pod.class;
    }

    @Override
    public List<FieldError> validate(Pod pod) {
        FieldPath meta = FieldPath.root("metadata");
        List<FieldError> errs = new ArrayList<>(
                MetaValidation.objectMeta(pod.metadata(), true, Formats.SUBDOMAIN_NAME, meta));
        errs.addAll(PodSpecValidation.podAnnotations(MetaValidation.orEmpty(pod.metadata()).annotations(),
                meta.child("annotations")));
        errs.addAll(PodSpecValidation.podSpec(pod.spec(), FieldPath.root("spec"), true));
        return errs;
    }

    @Override
    public List<FieldError> validateUpdate(Pod newPod, Pod oldPod) {
        List<FieldError> errs = new ArrayList<>(
                MetaValidation.objectMetaUpdate(newPod.metadata(), oldPod.metadata(), FieldPath.root("metadata")));
        errs.addAll(validate(newPod));
        PodSpec newSpec = spec(newPod);
        PodSpec oldSpec = spec(oldPod);
        FieldPath specPath = FieldPath.root("spec");

        // Containers may change their image but not come or go.
        if (!containerUpdates(newSpec.containers(), oldSpec.containers(), specPath.child("containers"), errs)
                || !containerUpdates(newSpec.initContainers(), oldSpec.initContainers(), specPath.child("initContainers"), errs)) {
            return errs;
        }

        // activeDeadlineSeconds may be set, or shortened, but never lengthened or removed.
        Long newDeadline = newSpec.activeDeadlineSeconds();
        Long oldDeadline = oldSpec.activeDeadlineSeconds();
        FieldPath deadlinePath = specPath.child("activeDeadlineSeconds");
        if (newDeadline != null) {
            if (newDeadline < 0 || newDeadline > Integer.MAX_VALUE) {
                errs.add(FieldError.invalid(deadlinePath, newDeadline, Formats.inclusiveRangeError(0, Integer.MAX_VALUE)));
                return errs;
            }
            if (oldDeadline != null && oldDeadline < newDeadline) {
                errs.add(FieldError.invalid(deadlinePath, newDeadline, "must be less than or equal to previous value"));
                return errs;
            }
        } else if (oldDeadline != null) {
            errs.add(FieldError.invalid(deadlinePath, null, "must not update from a positive integer to nil value"));
        }

        errs.addAll(onlyAddedTolerations(newSpec.tolerations(), oldSpec.tolerations(), specPath.child("tolerations")));

        PodSpec munged = munge(newSpec, oldSpec);
        if (!Semantic.equal(munged, oldSpec)) {
            errs.add(FieldError.forbidden(specPath, "pod updates may not change fields other than " + UPDATABLE_FIELDS
                    + SpecDiff.of(oldSpec, munged)));
        }
        return errs;
    }

    /** Returns false when a container was added or removed: Kubernetes stops checking the update there. */
    private static boolean containerUpdates(List<Container> newContainers, List<Container> oldContainers,
                                            FieldPath path, List<FieldError> errs) {
        List<Container> n = MetaValidation.list(newContainers);
        if (n.size() != MetaValidation.list(oldContainers).size()) {
            errs.add(FieldError.forbidden(path, "pod updates may not add or remove containers"));
            return false;
        }
        for (int i = 0; i < n.size(); i++) {
            String image = MetaValidation.str(n.get(i).image());
            if (image.isEmpty()) {
                errs.add(FieldError.required(path.index(i).child("image"), ""));
            }
            if (!image.strip().equals(image)) {
                errs.add(FieldError.invalid(path.index(i).child("image"), image, "must not have leading or trailing whitespace"));
            }
        }
        return true;
    }

    /** Every old toleration must still be there (its tolerationSeconds may change); new ones must be valid. */
    private static List<FieldError> onlyAddedTolerations(List<Toleration> newTolerations, List<Toleration> oldTolerations,
                                                         FieldPath path) {
        List<Toleration> n = MetaValidation.list(newTolerations);
        for (Toleration old : MetaValidation.list(oldTolerations)) {
            boolean found = n.stream().anyMatch(t -> Objects.equals(t.key(), old.key())
                    && Objects.equals(t.operator(), old.operator())
                    && Objects.equals(t.value(), old.value())
                    && Objects.equals(t.effect(), old.effect()));
            if (!found) {
                return List.of(FieldError.forbidden(path, "existing toleration can not be modified except its tolerationSeconds"));
            }
        }
        return PodSpecValidation.tolerations(n, path);
    }

    /** The new spec with every updatable field put back to its old value: what must remain equal. */
    private static PodSpec munge(PodSpec newSpec, PodSpec oldSpec) {
        PodSpec munged = newSpec
                .withContainers(withImagesOf(newSpec.containers(), oldSpec.containers()))
                .withInitContainers(withImagesOf(newSpec.initContainers(), oldSpec.initContainers()))
                .withActiveDeadlineSeconds(oldSpec.activeDeadlineSeconds())
                .withTolerations(oldSpec.tolerations());
        Long oldGrace = oldSpec.terminationGracePeriodSeconds();
        if (oldGrace != null && oldGrace < 0 && Objects.equals(munged.terminationGracePeriodSeconds(), 1L)) {
            munged = munged.withTerminationGracePeriodSeconds(oldGrace);
        }
        return munged;
    }

    private static List<Container> withImagesOf(List<Container> containers, List<Container> old) {
        if (containers == null) {
            return null;
        }
        List<Container> out = new ArrayList<>();
        for (int i = 0; i < containers.size(); i++) {
            out.add(containers.get(i).withImage(old.get(i).image()));
        }
        return out;
    }

    private static PodSpec spec(Pod pod) {
        return pod.spec() == null
                ? new PodSpec(null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null, null, null)
                : pod.spec();
    }
}
