package io.tugboat.apiserver.rest.patch;

import static io.tugboat.apiserver.rest.patch.PatchSchema.type;

import java.util.Map;

/**
 * The strategic merge patch schemas of the kinds Tugboat serves.
 *
 * <p>Every rule here is a {@code patchStrategy}/{@code patchMergeKey} tag of the upstream Go types
 * (Kubernetes 1.32: {@code k8s.io/api/core/v1/types.go}, {@code apps/v1}, {@code batch/v1},
 * {@code k8s.io/apimachinery/pkg/apis/meta/v1/types.go}). Lists declared with
 * {@link PatchSchema.Builder#atomicList} have no patch tags upstream (many carry
 * {@code +listType=atomic}); they are spelled out where a reader might expect a merge. Fields that
 * appear nowhere are plain: objects merged, lists replaced.
 *
 * <p>Three upstream facts are easy to get wrong: {@code tolerations} and node {@code taints} are
 * replaced as a whole; Service {@code ports} merge by {@code port} alone, although the list is keyed
 * by port and protocol for server-side apply; and {@code status.hostIPs} merges by {@code ip} even
 * though it is also marked atomic.
 */
public final class PatchSchemas {

    private PatchSchemas() {
    }

    /** metav1.ObjectMeta. */
    static final PatchSchema OBJECT_META = type("ObjectMeta")
            .mergeList("ownerReferences", "uid")
            .mergeSet("finalizers")
            .build();

    /** core/v1.Container; EphemeralContainer has the same fields and tags. */
    static final PatchSchema CONTAINER = containerType("Container");

    static final PatchSchema VOLUME = type("Volume")
            .object("ephemeral", type("EphemeralVolumeSource")
                    .object("volumeClaimTemplate", type("PersistentVolumeClaimTemplate")
                            .object("metadata", OBJECT_META)
                            .build())
                    .build())
            .build();

    static final PatchSchema POD_SPEC = type("PodSpec")
            .mergeListRetainingKeys("volumes", "name", VOLUME)
            .mergeList("initContainers", "name", CONTAINER)
            .mergeList("containers", "name", CONTAINER)
            .mergeList("ephemeralContainers", "name", containerType("EphemeralContainer"))
            .mergeList("imagePullSecrets", "name")
            .atomicList("tolerations")
            .mergeList("hostAliases", "ip")
            .atomicList("readinessGates")
            .mergeList("topologySpreadConstraints", "topologyKey")
            .mergeList("schedulingGates", "name")
            .mergeListRetainingKeys("resourceClaims", "name", PatchSchema.unstructured())
            .build();

    static final PatchSchema POD_STATUS = type("PodStatus")
            .mergeList("conditions", "type")
            .mergeList("hostIPs", "ip")
            .mergeList("podIPs", "ip")
            .atomicList("initContainerStatuses")
            .atomicList("containerStatuses")
            .atomicList("ephemeralContainerStatuses")
            .mergeListRetainingKeys("resourceClaimStatuses", "name", PatchSchema.unstructured())
            .build();

    static final PatchSchema POD_TEMPLATE_SPEC = type("PodTemplateSpec")
            .object("metadata", OBJECT_META)
            .object("spec", POD_SPEC)
            .build();

    /** Most status types only merge their conditions by type. */
    private static PatchSchema conditions(String statusType) {
        return type(statusType).mergeList("conditions", "type").build();
    }

    private static PatchSchema withTemplate(String specType) {
        return type(specType).object("template", POD_TEMPLATE_SPEC).build();
    }

    static final PatchSchema JOB_SPEC = withTemplate("JobSpec");

    /** A kind: ObjectMeta plus, where given, its spec and status types. */
    private static PatchSchema kind(String name, PatchSchema spec, PatchSchema status) {
        PatchSchema.Builder kind = type(name).object("metadata", OBJECT_META);
        if (spec != null) {
            kind.object("spec", spec);
        }
        if (status != null) {
            kind.object("status", status);
        }
        return kind.build();
    }

    private static final Map<String, PatchSchema> KINDS = Map.ofEntries(
            Map.entry("v1/Pod", kind("Pod", POD_SPEC, POD_STATUS)),
            Map.entry("v1/PodTemplate", type("PodTemplate")
                    .object("metadata", OBJECT_META)
                    .object("template", POD_TEMPLATE_SPEC)
                    .build()),
            Map.entry("v1/Node", kind("Node",
                    type("NodeSpec").mergeSet("podCIDRs").atomicList("taints").build(),
                    type("NodeStatus")
                            .mergeList("conditions", "type")
                            .mergeList("addresses", "type")
                            .atomicList("images")
                            .atomicList("volumesInUse")
                            .atomicList("volumesAttached")
                            .build())),
            Map.entry("v1/Namespace", kind("Namespace",
                    type("NamespaceSpec").atomicList("finalizers").build(),
                    conditions("NamespaceStatus"))),
            Map.entry("v1/Service", kind("Service",
                    type("ServiceSpec")
                            .mergeList("ports", "port")
                            .atomicList("clusterIPs")
                            .atomicList("externalIPs")
                            .atomicList("ipFamilies")
                            .build(),
                    type("ServiceStatus")
                            .mergeList("conditions", "type")
                            .object("loadBalancer", type("LoadBalancerStatus").atomicList("ingress").build())
                            .build())),
            Map.entry("v1/Endpoints", type("Endpoints")
                    .object("metadata", OBJECT_META)
                    .atomicList("subsets")
                    .build()),
            Map.entry("v1/ConfigMap", kind("ConfigMap", null, null)),
            Map.entry("v1/Secret", kind("Secret", null, null)),
            Map.entry("v1/Event", kind("Event", null, null)),
            Map.entry("v1/PersistentVolume", kind("PersistentVolume",
                    type("PersistentVolumeSpec").atomicList("accessModes").atomicList("mountOptions").build(),
                    null)),
            Map.entry("v1/PersistentVolumeClaim", kind("PersistentVolumeClaim",
                    type("PersistentVolumeClaimSpec").atomicList("accessModes").build(),
                    conditions("PersistentVolumeClaimStatus"))),
            Map.entry("apps/v1/Deployment", kind("Deployment",
                    type("DeploymentSpec")
                            .object("template", POD_TEMPLATE_SPEC)
                            .retainKeysObject("strategy", type("DeploymentStrategy").build())
                            .build(),
                    conditions("DeploymentStatus"))),
            Map.entry("apps/v1/ReplicaSet", kind("ReplicaSet",
                    withTemplate("ReplicaSetSpec"), conditions("ReplicaSetStatus"))),
            Map.entry("apps/v1/StatefulSet", kind("StatefulSet",
                    type("StatefulSetSpec")
                            .object("template", POD_TEMPLATE_SPEC)
                            .atomicList("volumeClaimTemplates")
                            .build(),
                    conditions("StatefulSetStatus"))),
            Map.entry("apps/v1/DaemonSet", kind("DaemonSet",
                    withTemplate("DaemonSetSpec"), conditions("DaemonSetStatus"))),
            // Upstream data is an untagged runtime.RawExtension: opaque bytes that Kubernetes cannot
            // merge field by field (it may even hold "$patch" keys). Tugboat replaces it literally.
            Map.entry("apps/v1/ControllerRevision", type("ControllerRevision")
                    .object("metadata", OBJECT_META)
                    .replace("data")
                    .build()),
            Map.entry("batch/v1/Job", kind("Job", JOB_SPEC, conditions("JobStatus"))),
            Map.entry("batch/v1/CronJob", kind("CronJob",
                    type("CronJobSpec")
                            .object("jobTemplate", type("JobTemplateSpec")
                                    .object("metadata", OBJECT_META)
                                    .object("spec", JOB_SPEC)
                                    .build())
                            .build(),
                    type("CronJobStatus").atomicList("active").build())),
            Map.entry("coordination.k8s.io/v1/Lease", kind("Lease", null, null)),
            Map.entry("discovery.k8s.io/v1/EndpointSlice", type("EndpointSlice")
                    .object("metadata", OBJECT_META)
                    .atomicList("endpoints")
                    .atomicList("ports")
                    .build()),
            Map.entry("storage.k8s.io/v1/StorageClass", type("StorageClass")
                    .object("metadata", OBJECT_META)
                    .atomicList("mountOptions")
                    .atomicList("allowedTopologies")
                    .build()),
            Map.entry("autoscaling/v1/Scale", kind("Scale", null, null)));

    /**
     * The schema for objects of one kind.
     *
     * @param apiVersion the object's {@code apiVersion}, e.g. {@code "apps/v1"} or {@code "v1"}
     * @param kind       the object's {@code kind}, e.g. {@code "Deployment"}
     * @return the kind's schema, or {@link PatchSchema#unstructured()} for a kind Tugboat does not
     *         know, whose objects are then patched as plain JSON (objects merged, lists replaced)
     */
    public static PatchSchema forKind(String apiVersion, String kind) {
        return KINDS.getOrDefault(apiVersion + "/" + kind, PatchSchema.unstructured());
    }

    private static PatchSchema containerType(String name) {
        return type(name)
                .atomicList("command")
                .atomicList("args")
                .mergeList("ports", "containerPort")
                .atomicList("envFrom")
                .mergeList("env", "name")
                .mergeList("volumeMounts", "mountPath")
                .mergeList("volumeDevices", "devicePath")
                .atomicList("resizePolicy")
                .build();
    }
}
