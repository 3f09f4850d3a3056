package io.tugboat.controllermanager.job;

import static io.tugboat.controllermanager.job.JobController.COMPLETION_INDEX;
import static io.tugboat.controllermanager.job.JobController.COMPLETION_INDEX_ENV;
import static io.tugboat.controllermanager.job.JobController.TRACKING_FINALIZER;

import io.tugboat.api.batch.Job;
import io.tugboat.api.core.Container;
import io.tugboat.api.core.ContainerStatus;
import io.tugboat.api.core.EnvVar;
import io.tugboat.api.core.Pod;
import io.tugboat.api.core.PodSpec;
import io.tugboat.api.core.PodTemplateSpec;
import io.tugboat.api.meta.ObjectMeta;
import io.tugboat.api.meta.OwnerReference;
import io.tugboat.controllermanager.common.Pods;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How the Job controller makes and judges its pods: the pod a template stamps out (finalizer, index), which pods
 * failed, which restarts count against the backoff limit, and which pods to delete first. Pure functions.
 */
final class JobPods {
    private JobPods() {
    }

    /** A pod stamped out of the Job's template: controlled by the Job, tracked by the finalizer, indexed if asked. */
    static Pod fromTemplate(Job job, OwnerReference ref, Integer index) {
        PodTemplateSpec template = job.spec().template();
        ObjectMeta t = template.metadata() == null
                ? new ObjectMeta(null, null, null, null, null, null, null, null, null, null, null, null, null, null)
                : template.metadata();
        List<String> finalizers = new ArrayList<>(t.finalizers() == null ? List.of() : t.finalizers());
        finalizers.add(TRACKING_FINALIZER);
        Map<String, String> labels = new TreeMap<>(t.labels() == null ? Map.of() : t.labels());
        Map<String, String> annotations = new TreeMap<>(t.annotations() == null ? Map.of() : t.annotations());
        String generateName = job.metadata().name() + "-";
        PodSpec spec = template.spec();
        if (index != null) {
            labels.put(COMPLETION_INDEX, index.toString());
            annotations.put(COMPLETION_INDEX, index.toString());
            generateName = job.metadata().name() + "-" + index + "-";
            spec = spec.withHostname(job.metadata().name() + "-" + index)
                    .withContainers(withIndexEnv(spec.containers(), index))
                    .withInitContainers(withIndexEnv(spec.initContainers(), index));
        }
        ObjectMeta meta = new ObjectMeta(null, generateName, job.metadata().namespace(), null, null, null, null, null,
                null, null, labels, annotations.isEmpty() ? null : annotations, List.of(ref), finalizers);
        return Pod.of(meta, spec, null);
    }

    private static List<Container> withIndexEnv(List<Container> containers, int index) {
        if (containers == null) {
            return null;
        }
        List<Container> result = new ArrayList<>();
        for (Container c : containers) {
            List<EnvVar> env = new ArrayList<>(c.env() == null ? List.of() : c.env());
            env.removeIf(e -> COMPLETION_INDEX_ENV.equals(e.name()));
            env.add(0, new EnvVar(COMPLETION_INDEX_ENV, Integer.toString(index), null));
            result.add(c.withEnv(env));
        }
        return result;
    }

    /** The pod's completion index, or -1 if it has none in [0, completions). */
    static int index(Pod pod, int completions) {
        Map<String, String> annotations = pod.metadata().annotations();
        String value = annotations == null ? null : annotations.get(COMPLETION_INDEX);
        try {
            int index = value == null ? -1 : Integer.parseInt(value);
            return index >= 0 && index < completions ? index : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /**
     * Under {@code restartPolicy: OnFailure} failed containers restart in place and no pod fails: Kubernetes then
     * counts the restarts of the running pods against the backoff limit instead.
     */
    static boolean pastBackoffLimitOnFailure(Job job, List<Pod> active, int backoffLimit) {
        if (!"OnFailure".equals(job.spec().template().spec().restartPolicy())) {
            return false;
        }
        int restarts = 0;
        for (Pod pod : active) {
            if (pod.status() == null || !("Running".equals(pod.status().phase()) || "Pending".equals(pod.status().phase()))) {
                continue;
            }
            for (List<ContainerStatus> statuses : List.of(nl(pod.status().initContainerStatuses()), nl(pod.status().containerStatuses()))) {
                for (ContainerStatus s : statuses) {
                    restarts += nz(s.restartCount());
                }
            }
        }
        return backoffLimit == 0 ? restarts > 0 : restarts >= backoffLimit;
    }

    /** Failed, or being deleted before it succeeded: such a pod will never report a success (Kubernetes' isPodFailed). */
    static boolean isFailed(Pod pod) {
        return "Failed".equals(phase(pod)) || pod.metadata().deletionTimestamp() != null && !"Succeeded".equals(phase(pod));
    }

    /** Pending before running, not ready before ready, youngest first: the cheapest to lose. */
    static final Comparator<Pod> DELETE_FIRST = Comparator
            .comparing((Pod p) -> p.spec().nodeName() != null)
            .thenComparing(p -> "Running".equals(phase(p)))
            .thenComparing(Pods::isReady)
            .thenComparing(p -> p.metadata().creationTimestamp(), Comparator.nullsFirst(Comparator.reverseOrder()));

    static boolean hasFinalizer(Pod pod) {
        return pod.metadata().finalizers() != null && pod.metadata().finalizers().contains(TRACKING_FINALIZER);
    }

    static String phase(Pod pod) {
        return pod.status() == null ? null : pod.status().phase();
    }

    private static <T> List<T> nl(List<T> list) {
        return list == null ? List.of() : list;
    }

    private static int nz(Integer i) {
        return i == null ? 0 : i;
    }
}
