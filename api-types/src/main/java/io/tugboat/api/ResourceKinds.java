package io.tugboat.api;

import io.tugboat.api.apps.ControllerRevision;
import io.tugboat.api.apps.DaemonSet;
import io.tugboat.api.apps.Deployment;
import io.tugboat.api.apps.ReplicaSet;
import io.tugboat.api.apps.StatefulSet;
import io.tugboat.api.autoscaling.Scale;
import io.tugboat.api.batch.CronJob;
import io.tugboat.api.batch.Job;
import io.tugboat.api.coordination.Lease;
import io.tugboat.api.core.Binding;
import io.tugboat.api.core.ConfigMap;
import io.tugboat.api.core.Endpoints;
import io.tugboat.api.core.Event;
import io.tugboat.api.core.Namespace;
import io.tugboat.api.core.Node;
import io.tugboat.api.core.PersistentVolume;
import io.tugboat.api.core.PersistentVolumeClaim;
import io.tugboat.api.core.Pod;
import io.tugboat.api.core.Secret;
import io.tugboat.api.core.Service;
import io.tugboat.api.discovery.EndpointSlice;
import io.tugboat.api.meta.KubernetesObject;
import io.tugboat.api.policy.Eviction;
import io.tugboat.api.storage.StorageClass;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The registry of every kind Tugboat stores and serves. Names, short names, categories and subresources are
 * those of Kubernetes, so {@code kubectl api-resources} against Tugboat reads like it does against a real
 * cluster (for the kinds we support).
 */
public final class ResourceKinds {
    private static final List<String> NONE = List.of();
    private static final List<String> ALL = List.of("all");

    public static final ResourceKind<Pod> PODS = new ResourceKind<>("", "v1", "Pod", "pods", "pod",
            List.of("po"), true, Pod.class, List.of("status", "binding", "eviction", "log", "exec", "attach", "portforward"), ALL);
    public static final ResourceKind<Node> NODES = new ResourceKind<>("", "v1", "Node", "nodes", "node",
            List.of("no"), false, Node.class, List.of("status"), NONE);
    public static final ResourceKind<Namespace> NAMESPACES = new ResourceKind<>("", "v1", "Namespace", "namespaces", "namespace",
            List.of("ns"), false, Namespace.class, List.of("status", "finalize"), NONE);
    public static final ResourceKind<Service> SERVICES = new ResourceKind<>("", "v1", "Service", "services", "service",
            List.of("svc"), true, Service.class, List.of("status"), ALL);
    public static final ResourceKind<Endpoints> ENDPOINTS = new ResourceKind<>("", "v1", "Endpoints", "endpoints", "endpoints",
            List.of("ep"), true, Endpoints.class, NONE, NONE);
    public static final ResourceKind<ConfigMap> CONFIG_MAPS = new ResourceKind<>("", "v1", "ConfigMap", "configmaps", "configmap",
            List.of("cm"), true, ConfigMap.class, NONE, NONE);
    public static final ResourceKind<Secret> SECRETS = new ResourceKind<>("", "v1", "Secret", "secrets", "secret",
            NONE, true, Secret.class, NONE, NONE);
    public static final ResourceKind<Event> EVENTS = new ResourceKind<>("", "v1", "Event", "events", "event",
            List.of("ev"), true, Event.class, NONE, NONE);
    public static final ResourceKind<PersistentVolume> PERSISTENT_VOLUMES = new ResourceKind<>("", "v1", "PersistentVolume",
            "persistentvolumes", "persistentvolume", List.of("pv"), false, PersistentVolume.class, List.of("status"), NONE);
    public static final ResourceKind<PersistentVolumeClaim> PERSISTENT_VOLUME_CLAIMS = new ResourceKind<>("", "v1",
            "PersistentVolumeClaim", "persistentvolumeclaims", "persistentvolumeclaim", List.of("pvc"), true,
            PersistentVolumeClaim.class, List.of("status"), NONE);
    public static final ResourceKind<Deployment> DEPLOYMENTS = new ResourceKind<>("apps", "v1", "Deployment", "deployments",
            "deployment", List.of("deploy"), true, Deployment.class, List.of("status", "scale"), ALL);
    public static final ResourceKind<ReplicaSet> REPLICA_SETS = new ResourceKind<>("apps", "v1", "ReplicaSet", "replicasets",
            "replicaset", List.of("rs"), true, ReplicaSet.class, List.of("status", "scale"), ALL);
    public static final ResourceKind<StatefulSet> STATEFUL_SETS = new ResourceKind<>("apps", "v1", "StatefulSet", "statefulsets",
            "statefulset", List.of("sts"), true, StatefulSet.class, List.of("status", "scale"), ALL);
    public static final ResourceKind<DaemonSet> DAEMON_SETS = new ResourceKind<>("apps", "v1", "DaemonSet", "daemonsets",
            "daemonset", List.of("ds"), true, DaemonSet.class, List.of("status"), ALL);
    public static final ResourceKind<ControllerRevision> CONTROLLER_REVISIONS = new ResourceKind<>("apps", "v1",
            "ControllerRevision", "controllerrevisions", "controllerrevision", NONE, true, ControllerRevision.class, NONE, NONE);
    public static final ResourceKind<Job> JOBS = new ResourceKind<>("batch", "v1", "Job", "jobs", "job",
            NONE, true, Job.class, List.of("status"), ALL);
    public static final ResourceKind<CronJob> CRON_JOBS = new ResourceKind<>("batch", "v1", "CronJob", "cronjobs", "cronjob",
            List.of("cj"), true, CronJob.class, List.of("status"), ALL);
    public static final ResourceKind<Lease> LEASES = new ResourceKind<>("coordination.k8s.io", "v1", "Lease", "leases", "lease",
            NONE, true, Lease.class, NONE, NONE);
    public static final ResourceKind<EndpointSlice> ENDPOINT_SLICES = new ResourceKind<>("discovery.k8s.io", "v1",
            "EndpointSlice", "endpointslices", "endpointslice", NONE, true, EndpointSlice.class, NONE, NONE);
    public static final ResourceKind<StorageClass> STORAGE_CLASSES = new ResourceKind<>("storage.k8s.io", "v1", "StorageClass",
            "storageclasses", "storageclass", List.of("sc"), false, StorageClass.class, NONE, NONE);

    private static final List<ResourceKind<?>> KINDS = List.of(PODS, NODES, NAMESPACES, SERVICES, ENDPOINTS, CONFIG_MAPS,
            SECRETS, EVENTS, PERSISTENT_VOLUMES, PERSISTENT_VOLUME_CLAIMS, DEPLOYMENTS, REPLICA_SETS, STATEFUL_SETS,
            DAEMON_SETS, CONTROLLER_REVISIONS, JOBS, CRON_JOBS, LEASES, ENDPOINT_SLICES, STORAGE_CLASSES);

    /**
     * Kinds that are sent to the API server but never stored under their own key: a Binding is posted to
     * {@code pods/{name}/binding}, an Eviction to
     * {@code pods/{name}/eviction}, a Scale is the view of {@code .../scale}. The codec decodes them by
     * apiVersion/kind like the stored kinds.
     */
    private static final Map<String, Class<? extends KubernetesObject>> AUXILIARY = Map.of(
            key(Binding.API_VERSION, Binding.KIND), Binding.class,
            key(Scale.API_VERSION, Scale.KIND), Scale.class,
            key(Eviction.API_VERSION, Eviction.KIND), Eviction.class);

    private static final Map<String, ResourceKind<?>> BY_GVK = new LinkedHashMap<>();

    static {
        for (ResourceKind<?> kind : KINDS) {
            BY_GVK.put(key(kind.apiVersion(), kind.kind()), kind);
        }
    }

    private ResourceKinds() {
    }

    private static String key(String apiVersion, String kind) {
        return apiVersion + "/" + kind;
    }

    /** Every stored kind, core group first, in a stable order. */
    public static List<ResourceKind<?>> all() {
        return KINDS;
    }

    /** The stored kind with this {@code apiVersion} and {@code kind}. */
    public static Optional<ResourceKind<?>> byApiVersionAndKind(String apiVersion, String kind) {
        return Optional.ofNullable(BY_GVK.get(key(apiVersion, kind)));
    }

    /** The stored kind served at {@code group/version/plural}. */
    public static Optional<ResourceKind<?>> byResource(String group, String version, String plural) {
        return KINDS.stream()
                .filter(k -> k.group().equals(group) && k.version().equals(version) && k.plural().equals(plural))
                .findFirst();
    }

    /** The Java type for any kind the codec can decode, stored or auxiliary. */
    public static Optional<Class<? extends KubernetesObject>> typeFor(String apiVersion, String kind) {
        ResourceKind<?> stored = BY_GVK.get(key(apiVersion, kind));
        if (stored != null) {
            return Optional.of(stored.type());
        }
        return Optional.ofNullable(AUXILIARY.get(key(apiVersion, kind)));
    }

    /**
     * Resolves a name the way kubectl does on the command line: plural, singular, short name or kind, case
     * insensitive, optionally qualified by group ({@code deployments.apps}, {@code deploy.apps}).
     */
    public static Optional<ResourceKind<?>> resolve(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        String group = null;
        int dot = lower.indexOf('.');
        if (dot > 0) {
            group = lower.substring(dot + 1);
            lower = lower.substring(0, dot);
        }
        for (ResourceKind<?> kind : KINDS) {
            if (group != null && !kind.group().equals(group)) {
                continue;
            }
            if (kind.plural().equals(lower) || kind.singular().equals(lower)
                    || kind.kind().toLowerCase(Locale.ROOT).equals(lower) || kind.shortNames().contains(lower)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }
}
