package io.tugboat.api.apps;

import io.tugboat.api.Copies;
import io.tugboat.api.core.PersistentVolumeClaim;
import io.tugboat.api.core.PodTemplateSpec;
import io.tugboat.api.meta.LabelSelector;
import java.util.List;

/**
 * Replicas, template, per-pod volume claim templates and ordering policy.
 *
 * <p>Field names and shapes are those of Kubernetes apps/v1 StatefulSetSpec; absent fields are {@code null}.
 */
public record StatefulSetSpec(
        Integer replicas,
        LabelSelector selector,
        PodTemplateSpec template,
        List<PersistentVolumeClaim> volumeClaimTemplates,
        String serviceName,
        String podManagementPolicy,
        StatefulSetUpdateStrategy updateStrategy,
        Integer revisionHistoryLimit,
        Integer minReadySeconds,
        StatefulSetPersistentVolumeClaimRetentionPolicy persistentVolumeClaimRetentionPolicy) {
    /** Collections are copied, so a record never shares mutable state with its caller. */
    public StatefulSetSpec {
        volumeClaimTemplates = Copies.list(volumeClaimTemplates);
    }

    public StatefulSetSpec withReplicas(Integer replicas) {
        return new StatefulSetSpec(replicas, selector, template, volumeClaimTemplates, serviceName, podManagementPolicy, updateStrategy, revisionHistoryLimit, minReadySeconds, persistentVolumeClaimRetentionPolicy);
    }

    public StatefulSetSpec withSelector(LabelSelector selector) {
        return new StatefulSetSpec(replicas, selector, template, volumeClaimTemplates, serviceName, podManagementPolicy, updateStrategy, revisionHistoryLimit, minReadySeconds, persistentVolumeClaimRetentionPolicy);
    }

    public StatefulSetSpec withTemplate(PodTemplateSpec template) {
        return new StatefulSetSpec(replicas, selector, template, volumeClaimTemplates, serviceName, podManagementPolicy, updateStrategy, revisionHistoryLimit, minReadySeconds, persistentVolumeClaimRetentionPolicy);
    }

    public StatefulSetSpec withVolumeClaimTemplates(List<PersistentVolumeClaim> volumeClaimTemplates) {
        return new StatefulSetSpec(replicas, selector, template, volumeClaimTemplates, serviceName, podManagementPolicy, updateStrategy, revisionHistoryLimit, minReadySeconds, persistentVolumeClaimRetentionPolicy);
    }

    public StatefulSetSpec withServiceName(String serviceName) {
        return new StatefulSetSpec(replicas, selector, template, volumeClaimTemplates, serviceName, podManagementPolicy, updateStrategy, revisionHistoryLimit, minReadySeconds, persistentVolumeClaimRetentionPolicy);
    }

    public StatefulSetSpec withPodManagementPolicy(String podManagementPolicy) {
        return new StatefulSetSpec(replicas, selector, template, volumeClaimTemplates, serviceName, podManagementPolicy, updateStrategy, revisionHistoryLimit, minReadySeconds, persistentVolumeClaimRetentionPolicy);
    }

    public StatefulSetSpec withUpdateStrategy(StatefulSetUpdateStrategy updateStrategy) {
        return new StatefulSetSpec(replicas, selector, template, volumeClaimTemplates, serviceName, podManagementPolicy, updateStrategy, revisionHistoryLimit, minReadySeconds, persistentVolumeClaimRetentionPolicy);
    }

    public StatefulSetSpec withRevisionHistoryLimit(Integer revisionHistoryLimit) {
        return new StatefulSetSpec(replicas, selector, template, volumeClaimTemplates, serviceName, podManagementPolicy, updateStrategy, revisionHistoryLimit, minReadySeconds, persistentVolumeClaimRetentionPolicy);
    }

    public StatefulSetSpec withMinReadySeconds(Integer minReadySeconds) {
        return new StatefulSetSpec(replicas, selector, template, volumeClaimTemplates, serviceName, podManagementPolicy, updateStrategy, revisionHistoryLimit, minReadySeconds, persistentVolumeClaimRetentionPolicy);
    }

    public StatefulSetSpec withPersistentVolumeClaimRetentionPolicy(StatefulSetPersistentVolumeClaimRetentionPolicy persistentVolumeClaimRetentionPolicy) {
        return new StatefulSetSpec(replicas, selector, template, volumeClaimTemplates, serviceName, podManagementPolicy, updateStrategy, revisionHistoryLimit, minReadySeconds, persistentVolumeClaimRetentionPolicy);
    }
}
