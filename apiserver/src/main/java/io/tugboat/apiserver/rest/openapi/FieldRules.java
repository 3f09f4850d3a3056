package io.tugboat.apiserver.rest.openapi;

import io.tugboat.api.apps.ControllerRevision;
import io.tugboat.api.apps.DaemonSetCondition;
import io.tugboat.api.apps.DaemonSetSpec;
import io.tugboat.api.apps.DaemonSetStatus;
import io.tugboat.api.apps.DeploymentCondition;
import io.tugboat.api.apps.DeploymentSpec;
import io.tugboat.api.apps.DeploymentStatus;
import io.tugboat.api.apps.DeploymentStrategy;
import io.tugboat.api.apps.ReplicaSetCondition;
import io.tugboat.api.apps.ReplicaSetSpec;
import io.tugboat.api.apps.ReplicaSetStatus;
import io.tugboat.api.apps.StatefulSetCondition;
import io.tugboat.api.apps.StatefulSetSpec;
import io.tugboat.api.apps.StatefulSetStatus;
import io.tugboat.api.autoscaling.ScaleStatus;
import io.tugboat.api.batch.CronJobSpec;
import io.tugboat.api.batch.JobCondition;
import io.tugboat.api.batch.JobSpec;
import io.tugboat.api.batch.JobStatus;
import io.tugboat.api.core.Binding;
import io.tugboat.api.core.ConfigMap;
import io.tugboat.api.core.ConfigMapKeySelector;
import io.tugboat.api.core.Container;
import io.tugboat.api.core.ContainerPort;
import io.tugboat.api.core.ContainerStateTerminated;
import io.tugboat.api.core.ContainerStatus;
import io.tugboat.api.core.DaemonEndpoint;
import io.tugboat.api.core.EndpointAddress;
import io.tugboat.api.core.EndpointPort;
import io.tugboat.api.core.EnvVar;
import io.tugboat.api.core.Event;
import io.tugboat.api.core.HTTPGetAction;
import io.tugboat.api.core.HTTPHeader;
import io.tugboat.api.core.HostIP;
import io.tugboat.api.core.HostPathVolumeSource;
import io.tugboat.api.core.KeyToPath;
import io.tugboat.api.core.LocalVolumeSource;
import io.tugboat.api.core.NamespaceCondition;
import io.tugboat.api.core.NamespaceStatus;
import io.tugboat.api.core.NodeAddress;
import io.tugboat.api.core.NodeCondition;
import io.tugboat.api.core.NodeSelector;
import io.tugboat.api.core.NodeSelectorRequirement;
import io.tugboat.api.core.NodeSpec;
import io.tugboat.api.core.NodeStatus;
import io.tugboat.api.core.NodeSystemInfo;
import io.tugboat.api.core.ObjectFieldSelector;
import io.tugboat.api.core.PersistentVolumeClaimVolumeSource;
import io.tugboat.api.core.PodAffinityTerm;
import io.tugboat.api.core.PodCondition;
import io.tugboat.api.core.PodIP;
import io.tugboat.api.core.PodSpec;
import io.tugboat.api.core.PodStatus;
import io.tugboat.api.core.PreferredSchedulingTerm;
import io.tugboat.api.core.ResourceFieldSelector;
import io.tugboat.api.core.Secret;
import io.tugboat.api.core.SecretKeySelector;
import io.tugboat.api.core.ServicePort;
import io.tugboat.api.core.ServiceSpec;
import io.tugboat.api.core.ServiceStatus;
import io.tugboat.api.core.TCPSocketAction;
import io.tugboat.api.core.Taint;
import io.tugboat.api.core.Volume;
import io.tugboat.api.core.VolumeMount;
import io.tugboat.api.core.WeightedPodAffinityTerm;
import io.tugboat.api.meta.Condition;
import io.tugboat.api.meta.LabelSelector;
import io.tugboat.api.meta.LabelSelectorRequirement;
import io.tugboat.api.meta.ObjectMeta;
import io.tugboat.api.meta.OwnerReference;
import io.tugboat.api.discovery.Endpoint;
import io.tugboat.api.discovery.EndpointSlice;
import io.tugboat.api.discovery.ForNode;
import io.tugboat.api.discovery.ForZone;
import io.tugboat.api.storage.StorageClass;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the Java records cannot say about their fields but Kubernetes' Go types do with struct tags and
 * {@code +marker} comments: which fields are required, how lists merge, which strings are enums.
 *
 * <p>The merge rules matter beyond documentation. {@code kubectl apply} computes its strategic merge patch from
 * {@code x-kubernetes-patch-merge-key}/{@code x-kubernetes-patch-strategy} in our OpenAPI, while the API server
 * applies it with Kubernetes' own rules. If the two disagree on a list (say we forget that containers merge by
 * name), kubectl sends the list as a whole and the server merges it by key, so a container removed from the
 * manifest would survive. Every list below therefore mirrors the tags of the upstream type exactly.
 */
final class FieldRules {

    /** How a list field behaves under patches and server-side apply ({@code x-kubernetes-list-*}, patch tags). */
    record ListRule(String listType, List<String> mapKeys, String patchStrategy, String mergeKey) {
        static ListRule mapBy(String mergeKey, List<String> mapKeys) {
            return new ListRule("map", mapKeys, "merge", mergeKey);
        }

        static ListRule mapBy(String key) {
            return mapBy(key, List.of(key));
        }

        static ListRule mergeBy(String mergeKey) {
            return new ListRule(null, List.of(), "merge", mergeKey);
        }

        static ListRule set() {
            return new ListRule("set", List.of(), "merge", null);
        }

        static ListRule atomic() {
            return new ListRule("atomic", List.of(), null, null);
        }
    }

    private static final ListRule CONDITIONS = ListRule.mapBy("type");

    private static final Map<Class<?>, Map<String, ListRule>> LISTS = Map.ofEntries(
            Map.entry(ObjectMeta.class, Map.of(
                    "finalizers", ListRule.set(),
                    "ownerReferences", ListRule.mapBy("uid"))),
            Map.entry(PodSpec.class, Map.of(
                    "volumes", new ListRule("map", List.of("name"), "merge,retainKeys", "name"),
                    "initContainers", ListRule.mapBy("name"),
                    "containers", ListRule.mapBy("name"),
                    "imagePullSecrets", ListRule.mapBy("name"),
                    "tolerations", ListRule.atomic())),
            Map.entry(Container.class, Map.of(
                    "ports", ListRule.mapBy("containerPort", List.of("containerPort", "protocol")),
                    "env", ListRule.mapBy("name"),
                    "envFrom", ListRule.atomic(),
                    "volumeMounts", ListRule.mapBy("mountPath"),
                    "command", ListRule.atomic(),
                    "args", ListRule.atomic())),
            Map.entry(PodStatus.class, Map.of(
                    "conditions", CONDITIONS,
                    "podIPs", ListRule.mapBy("ip"),
                    "hostIPs", new ListRule("atomic", List.of(), "merge", "ip"),
                    "containerStatuses", ListRule.atomic(),
                    "initContainerStatuses", ListRule.atomic())),
            Map.entry(NodeSpec.class, Map.of(
                    "podCIDRs", ListRule.set(),
                    "taints", ListRule.atomic())),
            Map.entry(NodeStatus.class, Map.of(
                    "conditions", CONDITIONS,
                    "addresses", ListRule.mapBy("type"))),
            Map.entry(NamespaceStatus.class, Map.of("conditions", CONDITIONS)),
            Map.entry(ServiceSpec.class, Map.of(
                    "ports", ListRule.mapBy("port", List.of("port", "protocol")),
                    "clusterIPs", ListRule.atomic(),
                    "externalIPs", ListRule.atomic(),
                    "ipFamilies", ListRule.atomic())),
            Map.entry(ServiceStatus.class, Map.of("conditions", CONDITIONS)),
            Map.entry(DeploymentStatus.class, Map.of("conditions", CONDITIONS)),
            Map.entry(ReplicaSetStatus.class, Map.of("conditions", CONDITIONS)),
            Map.entry(StatefulSetStatus.class, Map.of("conditions", CONDITIONS)),
            Map.entry(StatefulSetSpec.class, Map.of("volumeClaimTemplates", ListRule.atomic())),
            Map.entry(DaemonSetStatus.class, Map.of("conditions", CONDITIONS)),
            Map.entry(JobStatus.class, Map.of("conditions", new ListRule("atomic", List.of(), "merge", "type"))),
            Map.entry(NodeSelector.class, Map.of("nodeSelectorTerms", ListRule.atomic())),
            Map.entry(LabelSelector.class, Map.of("matchExpressions", ListRule.atomic())));

    /**
     * Object-valued fields whose patch strategy is {@code retainKeys}: switching a Deployment from RollingUpdate
     * to Recreate must drop {@code rollingUpdate} even though the manifest merely omits it.
     */
    private static final Map<Class<?>, Set<String>> RETAIN_KEYS = Map.of(DeploymentSpec.class, Set.of("strategy"));

    private static final Map<Class<?>, List<String>> REQUIRED = Map.ofEntries(
            Map.entry(Container.class, List.of("name")),
            Map.entry(ContainerPort.class, List.of("containerPort")),
            Map.entry(EnvVar.class, List.of("name")),
            Map.entry(VolumeMount.class, List.of("name", "mountPath")),
            Map.entry(Volume.class, List.of("name")),
            Map.entry(PodSpec.class, List.of("containers")),
            Map.entry(ServicePort.class, List.of("port")),
            Map.entry(HTTPGetAction.class, List.of("port")),
            Map.entry(TCPSocketAction.class, List.of("port")),
            Map.entry(HTTPHeader.class, List.of("name", "value")),
            Map.entry(KeyToPath.class, List.of("key", "path")),
            Map.entry(ConfigMapKeySelector.class, List.of("key")),
            Map.entry(SecretKeySelector.class, List.of("key")),
            Map.entry(ObjectFieldSelector.class, List.of("fieldPath")),
            Map.entry(ResourceFieldSelector.class, List.of("resource")),
            Map.entry(NodeSelector.class, List.of("nodeSelectorTerms")),
            Map.entry(NodeSelectorRequirement.class, List.of("key", "operator")),
            Map.entry(PreferredSchedulingTerm.class, List.of("weight", "preference")),
            Map.entry(WeightedPodAffinityTerm.class, List.of("weight", "podAffinityTerm")),
            Map.entry(PodAffinityTerm.class, List.of("topologyKey")),
            Map.entry(Taint.class, List.of("key", "effect")),
            Map.entry(NodeAddress.class, List.of("type", "address")),
            Map.entry(NodeCondition.class, List.of("type", "status")),
            Map.entry(PodCondition.class, List.of("type", "status")),
            Map.entry(NamespaceCondition.class, List.of("type", "status")),
            Map.entry(NodeSystemInfo.class, List.of("machineID", "systemUUID", "bootID", "kernelVersion", "osImage",
                    "containerRuntimeVersion", "kubeletVersion", "kubeProxyVersion", "operatingSystem", "architecture")),
            Map.entry(DaemonEndpoint.class, List.of("Port")),
            Map.entry(ContainerStatus.class, List.of("name", "ready", "restartCount", "image", "imageID")),
            Map.entry(ContainerStateTerminated.class, List.of("exitCode")),
            Map.entry(EndpointPort.class, List.of("port")),
            Map.entry(EndpointAddress.class, List.of("ip")),
            Map.entry(HostPathVolumeSource.class, List.of("path")),
            Map.entry(LocalVolumeSource.class, List.of("path")),
            Map.entry(PersistentVolumeClaimVolumeSource.class, List.of("claimName")),
            Map.entry(HostIP.class, List.of("ip")),
            Map.entry(PodIP.class, List.of("ip")),
            Map.entry(Binding.class, List.of("target")),
            Map.entry(Event.class, List.of("metadata", "involvedObject")),
            Map.entry(OwnerReference.class, List.of("apiVersion", "kind", "name", "uid")),
            Map.entry(LabelSelectorRequirement.class, List.of("key", "operator")),
            Map.entry(Condition.class, List.of("type", "status", "lastTransitionTime", "reason", "message")),
            Map.entry(DeploymentSpec.class, List.of("selector", "template")),
            Map.entry(DeploymentCondition.class, List.of("type", "status")),
            Map.entry(ReplicaSetSpec.class, List.of("selector")),
            Map.entry(ReplicaSetCondition.class, List.of("type", "status")),
            Map.entry(StatefulSetSpec.class, List.of("selector", "template")),
            Map.entry(StatefulSetCondition.class, List.of("type", "status")),
            Map.entry(StatefulSetStatus.class, List.of("replicas")),
            Map.entry(DaemonSetSpec.class, List.of("selector", "template")),
            Map.entry(DaemonSetStatus.class, List.of("currentNumberScheduled", "numberMisscheduled",
                    "desiredNumberScheduled", "numberReady")),
            Map.entry(DaemonSetCondition.class, List.of("type", "status")),
            Map.entry(ControllerRevision.class, List.of("revision")),
            Map.entry(JobSpec.class, List.of("template")),
            Map.entry(JobCondition.class, List.of("type", "status")),
            Map.entry(CronJobSpec.class, List.of("schedule", "jobTemplate")),
            Map.entry(StorageClass.class, List.of("provisioner")),
            Map.entry(EndpointSlice.class, List.of("addressType", "endpoints")),
            Map.entry(Endpoint.class, List.of("addresses")),
            Map.entry(ForZone.class, List.of("name")),
            Map.entry(ForNode.class, List.of("name")),
            Map.entry(ScaleStatus.class, List.of("replicas")));

    /** String fields with a closed set of values; {@code kubectl explain} prints them as ENUM. */
    private static final Map<Class<?>, Map<String, List<String>>> ENUMS = Map.ofEntries(
            Map.entry(PodSpec.class, Map.of(
                    "restartPolicy", List.of("Always", "Never", "OnFailure"),
                    "dnsPolicy", List.of("ClusterFirst", "ClusterFirstWithHostNet", "Default", "None"))),
            Map.entry(Container.class, Map.of("imagePullPolicy", List.of("Always", "IfNotPresent", "Never"))),
            Map.entry(ContainerPort.class, Map.of("protocol", List.of("SCTP", "TCP", "UDP"))),
            Map.entry(ServicePort.class, Map.of("protocol", List.of("SCTP", "TCP", "UDP"))),
            Map.entry(ServiceSpec.class, Map.of("type", List.of("ClusterIP", "ExternalName", "LoadBalancer", "NodePort"))),
            Map.entry(PodStatus.class, Map.of("phase", List.of("Failed", "Pending", "Running", "Succeeded", "Unknown"))),
            Map.entry(Taint.class, Map.of("effect", List.of("NoExecute", "NoSchedule", "PreferNoSchedule"))),
            Map.entry(DeploymentStrategy.class, Map.of("type", List.of("Recreate", "RollingUpdate"))),
            Map.entry(CronJobSpec.class, Map.of("concurrencyPolicy", List.of("Allow", "Forbid", "Replace"))));

    /** String maps that hold base64 data ({@code map[string][]byte} in Go). */
    private static final Map<Class<?>, Set<String>> BYTE_MAPS = Map.of(
            Secret.class, Set.of("data"),
            ConfigMap.class, Set.of("binaryData"));

    private FieldRules() {
    }

    static Optional<ListRule> list(Class<?> owner, String field) {
        return Optional.ofNullable(LISTS.getOrDefault(owner, Map.of()).get(field));
    }

    static boolean retainsKeys(Class<?> owner, String field) {
        return RETAIN_KEYS.getOrDefault(owner, Set.of()).contains(field);
    }

    static List<String> required(Class<?> owner) {
        return REQUIRED.getOrDefault(owner, List.of());
    }

    static List<String> enumValues(Class<?> owner, String field) {
        return ENUMS.getOrDefault(owner, Map.of()).getOrDefault(field, List.of());
    }

    static boolean holdsBytes(Class<?> owner, String field) {
        return BYTE_MAPS.getOrDefault(owner, Set.of()).contains(field);
    }
}
