package io.tugboat.controllermanager.statefulset;

import io.tugboat.api.apps.StatefulSet;
import io.tugboat.api.core.PersistentVolumeClaim;
import io.tugboat.api.core.PersistentVolumeClaimVolumeSource;
import io.tugboat.api.core.Pod;
import io.tugboat.api.core.PodSpec;
import io.tugboat.api.core.PodTemplateSpec;
import io.tugboat.api.core.Volume;
import io.tugboat.api.meta.ObjectMeta;
import io.tugboat.api.meta.OwnerReference;
import io.tugboat.controllermanager.history.ControllerHistory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A StatefulSet pod's stable identity (Kubernetes' {@code stateful_set_utils.go}):
 *
 * <pre>
 *   name        web-2                                  (set name, ordinal)
 *   labels      statefulset.kubernetes.io/pod-name=web-2, apps.kubernetes.io/pod-index=2,
 *               controller-revision-hash=web-6c9f8d7b5 (the revision's name, as Kubernetes writes it)
 *   hostname    web-2, subdomain = spec.serviceName    (web-2.web.ns.svc once DNS exists)
 *   volumes     data → PVC data-web-2                 (one per volumeClaimTemplate, kept across pod deletions)
 * </pre>
 */
public final class StatefulPods {
    public static final String POD_NAME_LABEL = "statefulset.kubernetes.io/pod-name";
    public static final String POD_INDEX_LABEL = "apps.kubernetes.io/pod-index";

    private StatefulPods() {
    }

    /** {@code <set>-<ordinal>}. */
    public static String podName(StatefulSet set, int ordinal) {
        return set.metadata().name() + "-" + ordinal;
    }

    /** The ordinal in {@code podName} if it is one of {@code set}'s names, else -1. */
    public static int ordinal(StatefulSet set, String podName) {
        String prefix = set.metadata().name() + "-";
        if (podName == null || !podName.startsWith(prefix)) {
            return -1;
        }
        String digits = podName.substring(prefix.length());
        if (digits.isEmpty() || digits.length() > 9 || !digits.chars().allMatch(Character::isDigit)
                || (digits.length() > 1 && digits.charAt(0) == '0')) {
            return -1;
        }
        return Integer.parseInt(digits);
    }

    /** {@code <template>-<set>-<ordinal>}: the claim for one template and one pod. */
    public static String claimName(PersistentVolumeClaim template, StatefulSet set, int ordinal) {
        return template.metadata().name() + "-" + podName(set, ordinal);
    }

    /** The revision a pod was stamped from (its {@code controller-revision-hash} label). */
    public static String revisionOf(Pod pod) {
        Map<String, String> labels = pod.metadata().labels();
        return labels == null ? null : labels.get(ControllerHistory.HASH_LABEL);
    }

    /** The pod of {@code ordinal} from {@code template} (the revision's), at revision {@code revisionName}. */
    public static Pod newPod(StatefulSet set, PodTemplateSpec template, OwnerReference ref, int ordinal,
                             String revisionName) {
        String name = podName(set, ordinal);
        ObjectMeta t = template.metadata();
        Map<String, String> labels = t == null || t.labels() == null ? new LinkedHashMap<>() : new LinkedHashMap<>(t.labels());
        labels.put(POD_NAME_LABEL, name);
        labels.put(POD_INDEX_LABEL, String.valueOf(ordinal));
        labels.put(ControllerHistory.HASH_LABEL, revisionName);
        ObjectMeta meta = new ObjectMeta(name, null, set.metadata().namespace(), null, null, null, null, null, null,
                null, labels, t == null ? null : t.annotations(), List.of(ref), t == null ? null : t.finalizers());
        PodSpec spec = template.spec().withHostname(name);
        String service = set.spec().serviceName();
        if (service != null && !service.isEmpty()) {
            spec = spec.withSubdomain(service);
        }
        return Pod.of(meta, spec.withVolumes(volumes(set, template.spec().volumes(), ordinal)), null);
    }

    /** The template's volumes, with one claim volume per volumeClaimTemplate replacing any of the same name. */
    static List<Volume> volumes(StatefulSet set, List<Volume> templateVolumes, int ordinal) {
        List<PersistentVolumeClaim> claims = set.spec().volumeClaimTemplates();
        List<Volume> out = new ArrayList<>();
        for (PersistentVolumeClaim claim : claims == null ? List.<PersistentVolumeClaim>of() : claims) {
            out.add(new Volume(claim.metadata().name(), null, null, null,
                    new PersistentVolumeClaimVolumeSource(claimName(claim, set, ordinal), null), null));
        }
        for (Volume v : templateVolumes == null ? List.<Volume>of() : templateVolumes) {
            if (out.stream().noneMatch(c -> c.name().equals(v.name()))) {
                out.add(v);
            }
        }
        return out.isEmpty() ? null : out;
    }

    /**
     * The claim for {@code template} and {@code ordinal}: the template's spec, its labels plus the set's
     * selector labels, owned by the set when {@code owner} is given (retention {@code whenDeleted: Delete}).
     */
    public static PersistentVolumeClaim newClaim(StatefulSet set, PersistentVolumeClaim template, int ordinal,
                                                 OwnerReference owner) {
        Map<String, String> labels = template.metadata().labels() == null ? new LinkedHashMap<>()
                : new LinkedHashMap<>(template.metadata().labels());
        if (set.spec().selector() != null && set.spec().selector().matchLabels() != null) {
            labels.putAll(set.spec().selector().matchLabels());
        }
        ObjectMeta meta = new ObjectMeta(claimName(template, set, ordinal), null, set.metadata().namespace(), null,
                null, null, null, null, null, null, labels, template.metadata().annotations(),
                owner == null ? null : List.of(owner), null);
        return PersistentVolumeClaim.of(meta, template.spec(), null);
    }
}
