package io.tugboat.apiserver.rest.openapi;

import io.tugboat.api.apps.*;
import io.tugboat.api.autoscaling.*;
import io.tugboat.api.batch.*;
import io.tugboat.api.coordination.*;
import io.tugboat.api.core.*;
import io.tugboat.api.meta.*;
import io.tugboat.api.storage.*;
import java.util.Map;
import java.util.Optional;

/**
 * The prose of our OpenAPI documents: what {@code kubectl explain} prints.
 *
 * <p>Javadoc does not survive compilation, so the one-sentence purpose of each record of the object model is
 * repeated here (taken from its Javadoc; keep the two in step when a record changes). A type without an entry
 * simply has no description. A few fields get a sentence of their own; every other field that holds a nested
 * record borrows that record's sentence (see {@link SchemaGenerator}).
 */
final class Descriptions {

    private static final Map<Class<?>, String> TYPES = Map.ofEntries(
            Map.entry(Affinity.class, "Scheduling constraints relative to node labels and to other pods."),
            Map.entry(Binding.class,
                    "Assigns a pod to a node; the scheduler posts it to pods/{name}/binding with the Node as "
                    + "target."),
            Map.entry(ConfigMap.class, "Non-secret configuration data as key-value pairs."),
            Map.entry(ConfigMapEnvSource.class, "A ConfigMap whose keys become environment variables."),
            Map.entry(ConfigMapKeySelector.class, "One key of a ConfigMap in the pod's namespace."),
            Map.entry(ConfigMapVolumeSource.class, "The keys of a ConfigMap as files."),
            Map.entry(Container.class,
                    "One container of a pod: image, command, environment, ports, resources, mounts and probes."),
            Map.entry(ContainerPort.class, "A port a container listens on (informational, plus hostPort mapping)."),
            Map.entry(ContainerState.class,
                    "The state of a container: exactly one of waiting, running or terminated."),
            Map.entry(ContainerStateRunning.class, "The container is running, since startedAt."),
            Map.entry(ContainerStateTerminated.class,
                    "The container exited, with its exit code and reason (Completed, Error, OOMKilled...)."),
            Map.entry(ContainerStateWaiting.class,
                    "The container is not running yet, with a reason such as ContainerCreating, ErrImagePull or "
                    + "CrashLoopBackOff."),
            Map.entry(ContainerStatus.class, "The observed state of one container."),
            Map.entry(DaemonEndpoint.class, "A port of a daemon running on the node."),
            Map.entry(EmptyDirVolumeSource.class, "A scratch directory that lives as long as the pod."),
            Map.entry(EndpointAddress.class, "One backend address, usually a pod IP."),
            Map.entry(EndpointPort.class, "One port of an endpoint subset."),
            Map.entry(EndpointSubset.class, "A set of addresses that all expose the same ports."),
            Map.entry(io.tugboat.api.discovery.EndpointSlice.class,
                    "A slice of the endpoints behind a Service, all of one address type and sharing one list of ports."),
            Map.entry(io.tugboat.api.discovery.Endpoint.class,
                    "One backend of an EndpointSlice: its addresses, conditions, pod and node."),
            Map.entry(io.tugboat.api.discovery.EndpointConditions.class,
                    "Whether an endpoint is ready for new traffic, serving (its pod is Ready) and terminating."),
            Map.entry(io.tugboat.api.discovery.EndpointPort.class,
                    "One port every endpoint of a slice serves: the Service port's name and protocol with the pod's "
                    + "port number."),
            Map.entry(io.tugboat.api.discovery.EndpointHints.class,
                    "Topology-aware routing hints: the zones and nodes that should prefer this endpoint."),
            Map.entry(Endpoints.class,
                    "The addresses currently behind a Service, maintained by the endpoints controller."),
            Map.entry(EnvFromSource.class,
                    "Every key of a ConfigMap or Secret becomes an environment variable, optionally prefixed."),
            Map.entry(EnvVar.class,
                    "One environment variable: a literal value or one taken from a field, a ConfigMap or a Secret."),
            Map.entry(EnvVarSource.class,
                    "Where an environment variable takes its value from; exactly one member is set."),
            Map.entry(Event.class,
                    "A report of something that happened to an object; repeats are aggregated by count and "
                    + "lastTimestamp."),
            Map.entry(EventSource.class, "The component (and host) that reported an event."),
            Map.entry(ExecAction.class, "Runs a command inside the container; exit code 0 is success."),
            Map.entry(HTTPGetAction.class, "An HTTP GET against the pod; a 2xx or 3xx answer is success."),
            Map.entry(HTTPHeader.class, "A header sent with an HTTP probe."),
            Map.entry(HostIP.class, "One IP address of the pod's node."),
            Map.entry(HostPathVolumeSource.class, "A directory or file of the node's filesystem."),
            Map.entry(KeyToPath.class, "Maps one key to a relative file path."),
            Map.entry(Lifecycle.class, "Hooks run after a container starts and before it is stopped."),
            Map.entry(LifecycleHandler.class, "The action of a lifecycle hook."),
            Map.entry(LoadBalancerIngress.class, "One ingress point: an IP or a hostname."),
            Map.entry(LoadBalancerStatus.class, "Ingress points of a load balancer."),
            Map.entry(LocalObjectReference.class, "Names an object in the same namespace."),
            Map.entry(LocalVolumeSource.class, "A local disk or directory of one node."),
            Map.entry(Namespace.class, "A scope for names; deleting it deletes everything in it."),
            Map.entry(NamespaceCondition.class, "One condition of a namespace being deleted."),
            Map.entry(NamespaceSpec.class, "Finalizers that must be emptied before a namespace disappears."),
            Map.entry(NamespaceStatus.class, "The observed state of a namespace: Active or Terminating."),
            Map.entry(Node.class, "A machine running a kubelet: its capacity, conditions and addresses."),
            Map.entry(NodeAddress.class, "One address of a node: InternalIP, ExternalIP or Hostname."),
            Map.entry(NodeAffinity.class, "Required and preferred node selector terms."),
            Map.entry(NodeCondition.class,
                    "One node condition (Ready, MemoryPressure, DiskPressure, PIDPressure, NetworkUnavailable) "
                    + "with its heartbeat."),
            Map.entry(NodeDaemonEndpoints.class,
                    "Ports of the daemons on the node; the API server finds the kubelet here."),
            Map.entry(NodeSelector.class, "A node matches if any one of the terms matches (OR of terms)."),
            Map.entry(NodeSelectorRequirement.class,
                    "A requirement on node labels or fields: key In/NotIn/Exists/DoesNotExist/Gt/Lt values."),
            Map.entry(NodeSelectorTerm.class, "A term matches if all its requirements match (AND)."),
            Map.entry(NodeSpec.class, "Desired node settings: pod CIDR, cordoning (unschedulable) and taints."),
            Map.entry(NodeStatus.class, "What the kubelet reports about its node."),
            Map.entry(NodeSystemInfo.class, "Versions and identifiers of the node's software."),
            Map.entry(ObjectFieldSelector.class, "A field of the pod itself, such as metadata.name or status.podIP."),
            Map.entry(ObjectReference.class,
                    "A reference to any object, precise enough to find it (kind, namespace, name, uid)."),
            Map.entry(PersistentVolume.class, "A piece of storage in the cluster, bound to at most one claim."),
            Map.entry(PersistentVolumeClaim.class,
                    "A request for storage, bound by the volume controller to a matching PersistentVolume."),
            Map.entry(PersistentVolumeClaimSpec.class, "Access modes, size and class of the storage requested."),
            Map.entry(PersistentVolumeClaimStatus.class,
                    "The observed state of a claim: Pending, Bound or Lost, with the capacity actually bound."),
            Map.entry(PersistentVolumeClaimVolumeSource.class, "Mounts the volume bound to a PersistentVolumeClaim."),
            Map.entry(PersistentVolumeSpec.class,
                    "Capacity, source and access modes of a volume, and the claim bound to it."),
            Map.entry(PersistentVolumeStatus.class,
                    "The observed phase of a volume: Available, Bound, Released or Failed."),
            Map.entry(Pod.class,
                    "The smallest deployable unit: one or more containers sharing a network namespace, scheduled "
                    + "onto one node."),
            Map.entry(PodAffinity.class, "Co-locate with pods matching the terms, in the same topology domain."),
            Map.entry(PodAffinityTerm.class,
                    "Pods selected by labelSelector (in namespaces) within the domain named by topologyKey."),
            Map.entry(PodAntiAffinity.class, "Keep away from pods matching the terms, in the same topology domain."),
            Map.entry(PodCondition.class, "One pod condition: PodScheduled, Initialized, ContainersReady or Ready."),
            Map.entry(PodIP.class, "One IP address of a pod."),
            Map.entry(PodSpec.class,
                    "What a pod should run and where: containers, volumes, scheduling constraints and lifecycle "
                    + "settings."),
            Map.entry(PodStatus.class,
                    "What the kubelet observed: phase, conditions, IPs and one status per container."),
            Map.entry(PodTemplateSpec.class,
                    "The pod that workload controllers stamp out: metadata (labels) plus a pod spec."),
            Map.entry(PreferredSchedulingTerm.class,
                    "A node selector term with a weight (1-100) added to a node's score when it matches."),
            Map.entry(Probe.class,
                    "A health check (exec, HTTP GET or TCP) with its timing; Kubernetes' defaults are 1 s "
                    + "timeout, 10 s period, success threshold 1 and failure threshold 3."),
            Map.entry(ResourceFieldSelector.class,
                    "A container resource (limits.cpu, requests.memory...) exposed as a value, divided by divisor."),
            Map.entry(ResourceRequirements.class,
                    "Requests (what the scheduler reserves) and limits (what the runtime enforces) per resource "
                    + "name."),
            Map.entry(Secret.class,
                    "Secret data: values in data are base64, stringData is a write-only convenience merged into "
                    + "data."),
            Map.entry(SecretEnvSource.class, "A Secret whose keys become environment variables."),
            Map.entry(SecretKeySelector.class, "One key of a Secret in the pod's namespace."),
            Map.entry(SecretVolumeSource.class, "The keys of a Secret as files."),
            Map.entry(Service.class, "A stable virtual IP and DNS name in front of the pods its selector matches."),
            Map.entry(ServicePort.class, "One port of a Service and the pod port (number or name) it forwards to."),
            Map.entry(ServiceSpec.class,
                    "Ports, selector and type (ClusterIP, NodePort, LoadBalancer, ExternalName) of a Service."),
            Map.entry(ServiceStatus.class, "Load balancer status and conditions of a Service."),
            Map.entry(TCPSocketAction.class, "Opens a TCP connection to the port; connecting is success."),
            Map.entry(Taint.class, "Repels pods that do not tolerate it: NoSchedule, PreferNoSchedule or NoExecute."),
            Map.entry(Toleration.class, "Lets a pod be scheduled onto (or stay on) nodes with a matching taint."),
            Map.entry(Volume.class, "A named volume of a pod; exactly one source is set."),
            Map.entry(VolumeMount.class, "Mounts a pod volume into a container at mountPath."),
            Map.entry(VolumeNodeAffinity.class, "The nodes from which a volume can be used."),
            Map.entry(VolumeResourceRequirements.class, "The storage requested (and limited) by a claim."),
            Map.entry(WeightedPodAffinityTerm.class, "A pod affinity term with a weight."),
            Map.entry(ControllerRevision.class,
                    "An immutable snapshot of a StatefulSet's or DaemonSet's template, for rollbacks."),
            Map.entry(DaemonSet.class, "One pod on every (selected) node."),
            Map.entry(DaemonSetCondition.class, "One condition of a DaemonSet."),
            Map.entry(DaemonSetSpec.class, "Selector, template and update strategy of a DaemonSet."),
            Map.entry(DaemonSetStatus.class, "Observed scheduling of a DaemonSet across nodes."),
            Map.entry(DaemonSetUpdateStrategy.class,
                    "How a DaemonSet replaces its pods: RollingUpdate (default) or OnDelete."),
            Map.entry(Deployment.class,
                    "Declarative updates for pods through ReplicaSets: a rollout replaces the old ReplicaSet by "
                    + "a new one."),
            Map.entry(DeploymentCondition.class,
                    "One condition of a Deployment: Available, Progressing or ReplicaFailure."),
            Map.entry(DeploymentSpec.class, "Replicas, selector, pod template and rollout strategy of a Deployment."),
            Map.entry(DeploymentStatus.class, "Observed rollout progress; kubectl rollout status reads it."),
            Map.entry(DeploymentStrategy.class,
                    "How a Deployment replaces its pods: RollingUpdate (default) or Recreate."),
            Map.entry(ReplicaSet.class, "Keeps a stable number of identical pods running."),
            Map.entry(ReplicaSetCondition.class, "One condition of a ReplicaSet, such as ReplicaFailure."),
            Map.entry(ReplicaSetSpec.class, "Replicas, selector and pod template of a ReplicaSet."),
            Map.entry(ReplicaSetStatus.class, "Observed replica counts of a ReplicaSet."),
            Map.entry(RollingUpdateDaemonSet.class,
                    "How many nodes may be without (maxUnavailable) or with an extra (maxSurge) pod during an "
                    + "update."),
            Map.entry(RollingUpdateDeployment.class,
                    "How far a rolling update may go above (maxSurge) and below (maxUnavailable) the desired "
                    + "replicas."),
            Map.entry(RollingUpdateStatefulSetStrategy.class,
                    "Only pods with an ordinal at or above partition are updated."),
            Map.entry(StatefulSet.class, "Pods with stable names and storage, created and updated in order."),
            Map.entry(StatefulSetCondition.class, "One condition of a StatefulSet."),
            Map.entry(StatefulSetPersistentVolumeClaimRetentionPolicy.class,
                    "Whether claims are kept or deleted when the set is deleted or scaled down."),
            Map.entry(StatefulSetSpec.class,
                    "Replicas, template, per-pod volume claim templates and ordering policy."),
            Map.entry(StatefulSetStatus.class, "Observed replicas and revisions of a StatefulSet."),
            Map.entry(StatefulSetUpdateStrategy.class,
                    "How a StatefulSet replaces its pods: RollingUpdate (default) or OnDelete."),
            Map.entry(CronJob.class, "Creates Jobs on a cron schedule."),
            Map.entry(CronJobSpec.class, "Schedule, concurrency policy, history limits and the Job template."),
            Map.entry(CronJobStatus.class, "Running jobs and the last schedule times."),
            Map.entry(Job.class, "Runs pods until a number of them complete successfully."),
            Map.entry(JobCondition.class, "One condition of a Job: Complete, Failed, Suspended or FailureTarget."),
            Map.entry(JobSpec.class, "Completions, parallelism, retries and deadlines of a Job."),
            Map.entry(JobStatus.class, "Observed progress of a Job."),
            Map.entry(JobTemplateSpec.class, "The Job a CronJob creates."),
            Map.entry(UncountedTerminatedPods.class,
                    "Finished pods (by uid) whose result is not yet in the counters; part of job tracking with "
                    + "finalizers."),
            Map.entry(Scale.class, "The scale subresource of deployments, replicasets and statefulsets."),
            Map.entry(ScaleSpec.class, "The desired number of replicas."),
            Map.entry(ScaleStatus.class, "The observed replicas and the label selector (string form) of the pods."),
            Map.entry(Lease.class, "A lease held by one identity: node heartbeats and leader election."),
            Map.entry(LeaseSpec.class, "Holder, duration and acquire/renew times of a lease."),
            Map.entry(StorageClass.class, "A class of storage and the provisioner that creates volumes of it."),
            Map.entry(Condition.class,
                    "The standard condition shape (metav1.Condition): type, status, reason and message, with the "
                    + "time of the last transition."),
            Map.entry(DeleteOptions.class,
                    "Options of a DELETE: grace period, preconditions and how dependents are handled (Orphan, "
                    + "Background, Foreground)."),
            Map.entry(LabelSelector.class,
                    "Selects objects by labels: every matchLabels entry and every matchExpressions requirement "
                    + "must hold (AND). An empty selector matches everything; a null selector matches nothing."),
            Map.entry(LabelSelectorRequirement.class,
                    "One set-based requirement: key In/NotIn values, or key Exists/DoesNotExist."),
            Map.entry(ListMeta.class,
                    "Metadata of a list response: the collection resourceVersion (etcd revision) and the paging "
                    + "token."),
            Map.entry(ObjectMeta.class,
                    "Metadata every persisted object carries: identity, labels and annotations, ownership and "
                    + "the lifecycle fields the API server sets (uid, resourceVersion, generation, timestamps)."),
            Map.entry(OwnerReference.class,
                    "Points from a dependent object to its owner; the garbage collector deletes dependents whose "
                    + "owners are gone, and controller=true marks the one owner that manages the object."),
            Map.entry(Preconditions.class,
                    "A delete or update happens only if the object still has this uid and/or resourceVersion."),
            Map.entry(Status.class,
                    "The body of every API error (and of some successful deletes): status is Success or Failure, "
                    + "code mirrors the HTTP status, reason is machine readable (NotFound, AlreadyExists, "
                    + "Conflict, Invalid...)."),
            Map.entry(StatusCause.class,
                    "One problem with a request: for validation, field is the path (spec.containers[0].image), "
                    + "reason the kind of problem (FieldValueRequired...) and message the human text."),
            Map.entry(StatusDetails.class,
                    "Names the object an error is about, and for Invalid lists every field problem as a cause.")
    );

    /** Fields every top-level kind has, documented once. */
    private static final Map<String, String> OBJECT_FIELDS = Map.of(
            "apiVersion", "The versioned schema of this object, such as v1 or apps/v1; the server rejects versions it "
                    + "does not serve.",
            "kind", "The kind of this object, such as Pod; it must match the endpoint the object is sent to.",
            "metadata", "Standard object metadata: name, namespace, labels, annotations and the fields the server "
                    + "maintains.",
            "spec", "The desired state of the object, as written by its user.",
            "status", "The most recently observed state of the object, written by the system; read-only for users.");

    private static final Map<Class<?>, Map<String, String>> FIELDS = Map.ofEntries(
            Map.entry(ObjectMeta.class, Map.ofEntries(
                    Map.entry("name", "Unique within a namespace (or the cluster, for cluster-scoped kinds). Cannot be "
                            + "updated."),
                    Map.entry("generateName", "A prefix from which the server generates a unique name when name is "
                            + "empty."),
                    Map.entry("namespace", "The namespace the object lives in; empty for cluster-scoped kinds."),
                    Map.entry("uid", "Unique in time and space, set by the server on creation."),
                    Map.entry("resourceVersion", "Opaque version of the object; updates that carry a stale value are "
                            + "rejected with a conflict, and watches resume from it."),
                    Map.entry("generation", "Sequence number of the desired state, incremented on every change to the "
                            + "spec."),
                    Map.entry("creationTimestamp", "When the object was created, set by the server."),
                    Map.entry("deletionTimestamp", "When graceful deletion began; the object disappears once its "
                            + "finalizers are gone."),
                    Map.entry("labels", "Key/value pairs used to organise and select objects."),
                    Map.entry("annotations", "Key/value pairs for tools and people; not used for selection."),
                    Map.entry("ownerReferences", "The objects this one depends on; when every owner is gone the "
                            + "garbage collector deletes it."),
                    Map.entry("finalizers", "Entries that must be removed before the object is deleted from "
                            + "storage."))),
            Map.entry(PodSpec.class, Map.of(
                    "containers", "The containers of the pod; there must be at least one.",
                    "initContainers", "Containers run to completion, one after the other, before the app containers "
                            + "start.",
                    "volumes", "Volumes the containers of the pod can mount.",
                    "restartPolicy", "Restart policy of all containers of the pod: Always (default), OnFailure or "
                            + "Never.",
                    "nodeName", "The node the pod is bound to; set by the scheduler through a Binding.",
                    "nodeSelector", "Labels a node must carry for the pod to be scheduled onto it.",
                    "terminationGracePeriodSeconds", "Seconds between the termination signal and the kill; defaults "
                            + "to 30.",
                    "serviceAccountName", "The ServiceAccount the pod runs as.",
                    "schedulerName", "The scheduler that places the pod; default-scheduler when empty.")),
            Map.entry(Container.class, Map.of(
                    "name", "Name of the container, unique within the pod (DNS label).",
                    "image", "The container image to run.",
                    "command", "Entrypoint array, replacing the image's ENTRYPOINT; not run in a shell.",
                    "args", "Arguments to the entrypoint, replacing the image's CMD.",
                    "ports", "Ports the container exposes; informational, except for hostPort.",
                    "env", "Environment variables to set in the container.",
                    "imagePullPolicy", "When to pull the image: Always, IfNotPresent or Never.",
                    "volumeMounts", "Volumes of the pod to mount into the container's filesystem.",
                    "workingDir", "Working directory of the entrypoint; the image's default when empty.")),
            Map.entry(ContainerPort.class, Map.of(
                    "containerPort", "Port number on the pod's IP address.",
                    "protocol", "TCP (default), UDP or SCTP.",
                    "hostPort", "Port number on the node that forwards to containerPort.",
                    "name", "A name that services can refer to (IANA_SVC_NAME).")),
            Map.entry(DeploymentSpec.class, Map.of(
                    "replicas", "Number of desired pods; defaults to 1.",
                    "selector", "Label selector of the pods managed; must match the template's labels.",
                    "template", "The pod each replica is created from.",
                    "strategy", "How existing pods are replaced by new ones.",
                    "paused", "A paused deployment does not roll out changes of its template.",
                    "revisionHistoryLimit", "How many old ReplicaSets are kept for rollback; defaults to 10.",
                    "progressDeadlineSeconds", "Seconds a rollout may make no progress before it is reported as "
                            + "failed; defaults to 600.")),
            Map.entry(ServiceSpec.class, Map.of(
                    "type", "How the service is exposed: ClusterIP (default), NodePort, LoadBalancer or ExternalName.",
                    "selector", "Traffic goes to the pods whose labels match this selector.",
                    "ports", "The ports the service exposes.",
                    "clusterIP", "The virtual IP of the service; assigned by the server, or None for a headless "
                            + "service.")),
            Map.entry(ServicePort.class, Map.of(
                    "port", "The port the service exposes.",
                    "targetPort", "The pod port (number or named container port) traffic is sent to; defaults to "
                            + "port.",
                    "nodePort", "The port on every node for NodePort and LoadBalancer services.",
                    "protocol", "TCP (default), UDP or SCTP.")));

    private Descriptions() {
    }

    /** The purpose of a record of the object model, if we documented it. */
    static Optional<String> ofType(Class<?> type) {
        return Optional.ofNullable(TYPES.get(type));
    }

    /** A field's own description: specific to its owner, or one of the fields every object has. */
    static Optional<String> ofField(Class<?> owner, String field, boolean topLevelOwner) {
        String specific = FIELDS.getOrDefault(owner, Map.of()).get(field);
        if (specific != null) {
            return Optional.of(specific);
        }
        return topLevelOwner ? Optional.ofNullable(OBJECT_FIELDS.get(field)) : Optional.empty();
    }
}
