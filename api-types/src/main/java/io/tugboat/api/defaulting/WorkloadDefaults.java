package io.tugboat.api.defaulting;

import io.tugboat.api.IntOrString;
import io.tugboat.api.apps.DaemonSet;
import io.tugboat.api.apps.DaemonSetSpec;
import io.tugboat.api.apps.DaemonSetUpdateStrategy;
import io.tugboat.api.apps.Deployment;
import io.tugboat.api.apps.DeploymentSpec;
import io.tugboat.api.apps.DeploymentStrategy;
import io.tugboat.api.apps.ReplicaSet;
import io.tugboat.api.apps.RollingUpdateDaemonSet;
import io.tugboat.api.apps.RollingUpdateDeployment;
import io.tugboat.api.apps.RollingUpdateStatefulSetStrategy;
import io.tugboat.api.apps.StatefulSet;
import io.tugboat.api.apps.StatefulSetPersistentVolumeClaimRetentionPolicy;
import io.tugboat.api.apps.StatefulSetSpec;
import io.tugboat.api.apps.StatefulSetUpdateStrategy;
import io.tugboat.api.batch.CronJob;
import io.tugboat.api.batch.CronJobSpec;
import io.tugboat.api.batch.Job;
import io.tugboat.api.batch.JobSpec;
import io.tugboat.api.batch.JobTemplateSpec;
import io.tugboat.api.core.PersistentVolumeClaim;
import io.tugboat.api.core.PersistentVolumeClaimStatus;
import io.tugboat.api.meta.ObjectMeta;

/**
 * Defaults of the workload kinds, from {@code pkg/apis/apps/v1/defaults.go} and
 * {@code pkg/apis/batch/v1/defaults.go}. Every pod template also gets the pod-spec defaults (not the Pod-only
 * ones, see {@link PodDefaults}).
 */
final class WorkloadDefaults {

    private WorkloadDefaults() {
    }

    /** One replica, a rolling update that may add a quarter more pods and lose a quarter, ten revisions kept. */
    static Deployment deployment(Deployment d) {
        if (d.spec() == null) {
            return d;
        }
        DeploymentSpec s = d.spec();
        if (s.replicas() == null) {
            s = s.withReplicas(1);
        }
        DeploymentStrategy strategy = s.strategy() == null ? new DeploymentStrategy(null, null) : s.strategy();
        String type = PodDefaults.isBlank(strategy.type()) ? "RollingUpdate" : strategy.type();
        RollingUpdateDeployment rolling = strategy.rollingUpdate();
        if (type.equals("RollingUpdate")) {
            RollingUpdateDeployment r = rolling == null ? new RollingUpdateDeployment(null, null) : rolling;
            rolling = new RollingUpdateDeployment(
                    r.maxUnavailable() == null ? IntOrString.of("25%") : r.maxUnavailable(),
                    r.maxSurge() == null ? IntOrString.of("25%") : r.maxSurge());
        }
        s = s.withStrategy(new DeploymentStrategy(type, rolling));
        if (s.revisionHistoryLimit() == null) {
            s = s.withRevisionHistoryLimit(10);
        }
        if (s.progressDeadlineSeconds() == null) {
            s = s.withProgressDeadlineSeconds(600);
        }
        return d.withSpec(s.withTemplate(PodDefaults.template(s.template())));
    }

    static ReplicaSet replicaSet(ReplicaSet rs) {
        if (rs.spec() == null) {
            return rs;
        }
        var s = rs.spec();
        if (s.replicas() == null) {
            s = s.withReplicas(1);
        }
        return rs.withSpec(s.withTemplate(PodDefaults.template(s.template())));
    }

    /**
     * Pods started one by one in order, rolling updates from the highest ordinal down to partition 0, claims kept
     * when the set is deleted or scaled down (data outlives pods unless asked otherwise).
     */
    static StatefulSet statefulSet(StatefulSet sts) {
        if (sts.spec() == null) {
            return sts;
        }
        StatefulSetSpec s = sts.spec();
        if (PodDefaults.isBlank(s.podManagementPolicy())) {
            s = s.withPodManagementPolicy("OrderedReady");
        }
        StatefulSetUpdateStrategy strategy = s.updateStrategy() == null ? new StatefulSetUpdateStrategy(null, null) : s.updateStrategy();
        RollingUpdateStatefulSetStrategy rolling = strategy.rollingUpdate();
        String type = strategy.type();
        if (PodDefaults.isBlank(type)) {
            // Only a strategy that was left empty gets a rollingUpdate block; an explicit RollingUpdate keeps its own.
            type = "RollingUpdate";
            if (rolling == null) {
                rolling = new RollingUpdateStatefulSetStrategy(null, null);
            }
        }
        if (type.equals("RollingUpdate") && rolling != null && rolling.partition() == null) {
            rolling = new RollingUpdateStatefulSetStrategy(0, rolling.maxUnavailable());
        }
        s = s.withUpdateStrategy(new StatefulSetUpdateStrategy(type, rolling));
        StatefulSetPersistentVolumeClaimRetentionPolicy retention = s.persistentVolumeClaimRetentionPolicy();
        String whenDeleted = retention == null || PodDefaults.isBlank(retention.whenDeleted()) ? "Retain" : retention.whenDeleted();
        String whenScaled = retention == null || PodDefaults.isBlank(retention.whenScaled()) ? "Retain" : retention.whenScaled();
        s = s.withPersistentVolumeClaimRetentionPolicy(new StatefulSetPersistentVolumeClaimRetentionPolicy(whenDeleted, whenScaled));
        if (s.replicas() == null) {
            s = s.withReplicas(1);
        }
        if (s.revisionHistoryLimit() == null) {
            s = s.withRevisionHistoryLimit(10);
        }
        s = s.withVolumeClaimTemplates(PodDefaults.map(s.volumeClaimTemplates(), WorkloadDefaults::claimTemplate));
        return sts.withSpec(s.withTemplate(PodDefaults.template(s.template())));
    }

    /** Claim templates are whole PersistentVolumeClaims, so they get claim defaults, status phase included. */
    private static PersistentVolumeClaim claimTemplate(PersistentVolumeClaim pvc) {
        PersistentVolumeClaim out = pvc.spec() == null ? pvc : pvc.withSpec(CoreDefaults.claimSpec(pvc.spec()));
        if (out.status() == null) {
            out = out.withStatus(new PersistentVolumeClaimStatus("Pending", null, null));
        } else if (PodDefaults.isBlank(out.status().phase())) {
            out = out.withStatus(new PersistentVolumeClaimStatus("Pending", out.status().accessModes(), out.status().capacity()));
        }
        return out;
    }

    /** Roll node by node: take down one old pod, start its replacement, never two on a node at once. */
    static DaemonSet daemonSet(DaemonSet ds) {
        if (ds.spec() == null) {
            return ds;
        }
        DaemonSetSpec s = ds.spec();
        DaemonSetUpdateStrategy strategy = s.updateStrategy() == null ? new DaemonSetUpdateStrategy(null, null) : s.updateStrategy();
        String type = PodDefaults.isBlank(strategy.type()) ? "RollingUpdate" : strategy.type();
        RollingUpdateDaemonSet rolling = strategy.rollingUpdate();
        if (type.equals("RollingUpdate")) {
            RollingUpdateDaemonSet r = rolling == null ? new RollingUpdateDaemonSet(null, null) : rolling;
            rolling = new RollingUpdateDaemonSet(
                    r.maxUnavailable() == null ? IntOrString.of(1) : r.maxUnavailable(),
                    r.maxSurge() == null ? IntOrString.of(0) : r.maxSurge());
        }
        s = s.withUpdateStrategy(new DaemonSetUpdateStrategy(type, rolling));
        if (s.revisionHistoryLimit() == null) {
            s = s.withRevisionHistoryLimit(10);
        }
        return ds.withSpec(s.withTemplate(PodDefaults.template(s.template())));
    }

    /**
     * A job without counts runs one pod to one success; with only completions it runs them one at a time. Six
     * retries before giving up. The job takes its template's labels when it has none of its own.
     */
    static Job job(Job job) {
        if (job.spec() == null) {
            return job;
        }
        JobSpec s = job.spec();
        if (s.completions() == null && s.parallelism() == null) {
            s = s.withCompletions(1).withParallelism(1);
        }
        if (s.parallelism() == null) {
            s = s.withParallelism(1);
        }
        if (s.backoffLimit() == null) {
            s = s.withBackoffLimit(6);
        }
        if (s.completionMode() == null) {
            s = s.withCompletionMode("NonIndexed");
        }
        if (s.suspend() == null) {
            s = s.withSuspend(false);
        }
        if (s.manualSelector() == null) {
            s = s.withManualSelector(false);
        }
        s = s.withTemplate(PodDefaults.template(s.template()));
        Job out = job.withSpec(s);
        ObjectMeta meta = out.metadata();
        var templateLabels = s.template() == null || s.template().metadata() == null ? null : s.template().metadata().labels();
        if (templateLabels != null && (meta == null || meta.labels() == null || meta.labels().isEmpty())) {
            ObjectMeta base = meta == null
                    ? new ObjectMeta(null, null, null, null, null, null, null, null, null, null, null, null, null, null)
                    : meta;
            out = out.withMetadata(base.withLabels(templateLabels));
        }
        return out;
    }

    /**
     * Overlapping runs allowed, not suspended, the last three successful and last failed jobs kept. Only the pod
     * template inside the job template is defaulted; Job defaults apply when the controller creates each Job.
     */
    static CronJob cronJob(CronJob cj) {
        if (cj.spec() == null) {
            return cj;
        }
        CronJobSpec s = cj.spec();
        if (PodDefaults.isBlank(s.concurrencyPolicy())) {
            s = s.withConcurrencyPolicy("Allow");
        }
        if (s.suspend() == null) {
            s = s.withSuspend(false);
        }
        if (s.successfulJobsHistoryLimit() == null) {
            s = s.withSuccessfulJobsHistoryLimit(3);
        }
        if (s.failedJobsHistoryLimit() == null) {
            s = s.withFailedJobsHistoryLimit(1);
        }
        JobTemplateSpec template = s.jobTemplate();
        if (template != null && template.spec() != null) {
            s = s.withJobTemplate(new JobTemplateSpec(template.metadata(),
                    template.spec().withTemplate(PodDefaults.template(template.spec().template()))));
        }
        return cj.withSpec(s);
    }
}
