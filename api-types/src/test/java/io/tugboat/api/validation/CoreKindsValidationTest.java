package io.tugboat.api.validation;

import static io.tugboat.api.validation.Causes.CONFIG_KEY;
import static io.tugboat.api.validation.Causes.DNS_LABEL;
import static io.tugboat.api.validation.Causes.DNS_SUBDOMAIN;
import static io.tugboat.api.validation.Causes.LABEL_KEY_NAME;
import static io.tugboat.api.validation.Causes.LABEL_VALUE;
import static io.tugboat.api.validation.Causes.duplicate;
import static io.tugboat.api.validation.Causes.forbidden;
import static io.tugboat.api.validation.Causes.invalid;
import static io.tugboat.api.validation.Causes.notSupported;
import static io.tugboat.api.validation.Causes.required;
import static io.tugboat.api.validation.Causes.tooLong;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tugboat.api.meta.StatusCause;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The smaller kinds of {@code pkg/apis/core/validation} and their neighbours: ConfigMaps, Secrets, Namespaces,
 * Nodes, PersistentVolumes and claims, StorageClasses, Leases, Events, Endpoints, Bindings, Scales and
 * ControllerRevisions.
 */
class CoreKindsValidationTest {

    static final String CONFIG_MAP = """
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: settings, namespace: default, resourceVersion: '1'}
            data: {app.properties: 'color=blue', LOG_LEVEL: info}
            """;
    static final String SECRET = """
            apiVersion: v1
            kind: Secret
            metadata: {name: db, namespace: default, resourceVersion: '1'}
            data: {password: c2VjcmV0}
            """;
    static final String NAMESPACE = """
            apiVersion: v1
            kind: Namespace
            metadata: {name: shop, resourceVersion: '1'}
            """;
    static final String NODE = """
            apiVersion: v1
            kind: Node
            metadata: {name: worker-1, resourceVersion: '1'}
            spec:
              podCIDRs: [10.244.1.0/24]
              taints: [{key: dedicated, value: gpu, effect: NoSchedule}]
            status:
              capacity: {cpu: '4', memory: 8Gi, pods: '110'}
            """;
    static final String PERSISTENT_VOLUME = """
            apiVersion: v1
            kind: PersistentVolume
            metadata: {name: data-1, resourceVersion: '1'}
            spec:
              capacity: {storage: 10Gi}
              accessModes: [ReadWriteOnce]
              hostPath: {path: /srv/data}
            """;
    static final String CLAIM = """
            apiVersion: v1
            kind: PersistentVolumeClaim
            metadata: {name: data, namespace: default, resourceVersion: '1'}
            spec:
              accessModes: [ReadWriteOnce]
              resources: {requests: {storage: 1Gi}}
            """;
    static final String STORAGE_CLASS = """
            apiVersion: storage.k8s.io/v1
            kind: StorageClass
            metadata: {name: local-path, resourceVersion: '1'}
            provisioner: rancher.io/local-path
            """;
    static final String LEASE = """
            apiVersion: coordination.k8s.io/v1
            kind: Lease
            metadata: {name: worker-1, namespace: kube-node-lease, resourceVersion: '1'}
            spec: {holderIdentity: worker-1, leaseDurationSeconds: 40}
            """;
    static final String EVENT = """
            apiVersion: v1
            kind: Event
            metadata: {name: web.17a2b3c4d5e6f7a8, namespace: default}
            involvedObject: {kind: Pod, name: web, namespace: default}
            reason: Scheduled
            message: Successfully assigned default/web to worker-1
            """;
    static final String ENDPOINTS = """
            apiVersion: v1
            kind: Endpoints
            metadata: {name: web, namespace: default, resourceVersion: '1'}
            subsets:
            - addresses: [{ip: 10.244.1.7, nodeName: worker-1}]
              ports: [{name: http, port: 8080}]
            """;
    static final String SLICE = """
            apiVersion: discovery.k8s.io/v1
            kind: EndpointSlice
            metadata: {name: web-x7k2p, namespace: default, resourceVersion: '1', labels: {kubernetes.io/service-name: web}}
            addressType: IPv4
            endpoints:
            - addresses: [10.244.1.7]
              conditions: {ready: true, serving: true, terminating: false}
              nodeName: worker-1
              hostname: web-0
            ports: [{name: http, port: 8080}]
            """;
    static final String BINDING = """
            apiVersion: v1
            kind: Binding
            metadata: {name: web, namespace: default}
            target: {kind: Node, name: worker-1}
            """;
    static final String SCALE = """
            apiVersion: autoscaling/v1
            kind: Scale
            metadata: {name: web, namespace: default}
            spec: {replicas: 3}
            """;
    static final String REVISION = """
            apiVersion: apps/v1
            kind: ControllerRevision
            metadata: {name: web-7d4b9c, namespace: default, resourceVersion: '1'}
            data: {spec: {template: {metadata: {labels: {app: web}}}}}
            revision: 1
            """;

    static Stream<Case> configMaps() {
        String longKey = "k".repeat(254);
        return Stream.of(
                Case.of("a config map with file-like keys is valid", CONFIG_MAP, "{}"),
                Case.of("a key becomes a file name, so it has no slashes", CONFIG_MAP, "data: {app/props: x}",
                        invalid("data[app/props]", "\"app/props\": " + CONFIG_KEY)),
                Case.of("a key may not be the current directory", CONFIG_MAP, "data: {'.': x}",
                        invalid("data[.]", "\".\": must not be '.'")),
                Case.of("a key is at most 253 characters", CONFIG_MAP, "data: {" + longKey + ": x}",
                        invalid("data[" + longKey + "]", "\"" + longKey + "\": must be no more than 253 characters")),
                Case.of("a key is either text or binary, not both", CONFIG_MAP, "binaryData: {LOG_LEVEL: aW5mbw==}",
                        invalid("data[LOG_LEVEL]", "\"LOG_LEVEL\": duplicate of key present in binaryData")),
                Case.of("binary keys are config keys too", CONFIG_MAP, "binaryData: {'logo png': aW5mbw==}",
                        invalid("binaryData[logo png]", "\"logo png\": " + CONFIG_KEY)),
                Case.of("a config map holds at most 1 MiB, the size of an etcd value", CONFIG_MAP,
                        "data: {big: " + "x".repeat(1024 * 1024) + "}",
                        // No field: Kubernetes blames the whole object, and the cause goes out without "field".
                        tooLong(null, "may not be more than 1048576 bytes")));
    }

    static Stream<Case> secrets() {
        return Stream.of(
                Case.of("an opaque secret is valid", SECRET, "{}"),
                Case.of("a key is a config key", SECRET, "data: {'db password': c2VjcmV0}",
                        invalid("data[db password]", "\"db password\": " + CONFIG_KEY)),
                Case.of("a value is base64, and the error does not print it", SECRET, "data: {password: 'c2VjcmV0!'}",
                        invalid("data[password]", "\"<secret contents redacted>\": illegal base64 data at input byte 8")),
                Case.of("base64 must be padded", SECRET, "data: {password: c2VjcmV0MQ}",
                        invalid("data[password]", "\"<secret contents redacted>\": illegal base64 data at input byte 8")),
                Case.of("values may be given as plain text in stringData", SECRET, "stringData: {user: admin}"),
                Case.of("stringData keys are config keys too", SECRET, "stringData: {'db user': admin}",
                        invalid("data[db user]", "\"db user\": " + CONFIG_KEY)),
                Case.of("a TLS secret holds a certificate and its key", SECRET, "type: kubernetes.io/tls",
                        required("data[tls.crt]"), required("data[tls.key]")),
                Case.of("a TLS secret may take them from stringData", SECRET,
                        "{type: kubernetes.io/tls, stringData: {tls.crt: cert, tls.key: key}}"),
                Case.of("an SSH secret holds a private key", SECRET, "type: kubernetes.io/ssh-auth",
                        required("data[ssh-privatekey]")),
                Case.of("a registry secret holds a docker config", SECRET, "type: kubernetes.io/dockerconfigjson",
                        required("data[.dockerconfigjson]")),
                Case.of("a basic-auth secret holds a user name or a password", SECRET, "type: kubernetes.io/basic-auth"),
                Case.of("a service account token names its service account", SECRET,
                        "type: kubernetes.io/service-account-token",
                        required("metadata.annotations[kubernetes.io/service-account.name]")));
    }

    static Stream<Case> namespaces() {
        return Stream.of(
                Case.of("a namespace is valid", NAMESPACE, "{}"),
                Case.of("a namespace name is a DNS label: it is part of service DNS names", NAMESPACE,
                        "metadata: {name: shop.eu}", invalid("metadata.name", "\"shop.eu\": must not contain dots")),
                Case.of("a namespace name is lower case", NAMESPACE, "metadata: {name: Shop}",
                        invalid("metadata.name", "\"Shop\": " + DNS_LABEL)),
                Case.of("a namespace lives in no namespace", NAMESPACE, "metadata: {namespace: default}",
                        forbidden("metadata.namespace", "not allowed on this type")),
                Case.of("a fully qualified finalizer is valid", NAMESPACE, "spec: {finalizers: [kubernetes, example.com/cleanup]}"),
                Case.of("a finalizer is a standard name or fully qualified", NAMESPACE, "spec: {finalizers: [cleanup]}",
                        invalid("spec.finalizers", "\"cleanup\": name is neither a standard finalizer name nor is it fully qualified")));
    }

    static Stream<Case> nodes() {
        String dup = "{\"Key\":\"dedicated\",\"Value\":\"cpu\",\"Effect\":\"NoSchedule\",\"TimeAdded\":null}";
        return Stream.of(
                Case.of("a node is valid", NODE, "{}"),
                Case.of("a taint effect is one the scheduler knows (reported under metadata, as Kubernetes does)", NODE,
                        "spec: {taints: [{key: dedicated, effect: Sometimes}]}",
                        notSupported("metadata.taints[0].effect",
                                "\"Sometimes\": supported values: \"NoSchedule\", \"PreferNoSchedule\", \"NoExecute\"")),
                Case.of("a taint has an effect", NODE, "spec: {taints: [{key: dedicated}]}",
                        required("metadata.taints[0].effect")),
                Case.of("a taint key is a label key", NODE, "spec: {taints: [{key: 'gpu card', effect: NoSchedule}]}",
                        invalid("metadata.taints[0].key", "\"gpu card\": " + LABEL_KEY_NAME)),
                Case.of("a taint value is a label value", NODE, "spec: {taints: [{key: gpu, value: 'a b', effect: NoSchedule}]}",
                        invalid("metadata.taints[0].value", "\"a b\": " + LABEL_VALUE)),
                Case.of("a key may carry one taint per effect", NODE,
                        "spec: {taints: [{key: dedicated, value: gpu, effect: NoSchedule}, {key: dedicated, effect: NoExecute}]}"),
                Case.of("a key may not carry the same effect twice", NODE,
                        "spec: {taints: [{key: dedicated, value: gpu, effect: NoSchedule}, {key: dedicated, value: cpu, effect: NoSchedule}]}",
                        duplicate("metadata.taints[1]", dup + ": taints must be unique by key and effect pair")),
                Case.of("a pod CIDR is a CIDR", NODE, "spec: {podCIDRs: [10.244.1.0]}",
                        invalid("spec.podCIDRs[0]", "\"10.244.1.0\": must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)")),
                Case.of("a dual-stack node has one CIDR per family", NODE, "spec: {podCIDRs: [10.244.1.0/24, 10.245.1.0/24]}",
                        invalid("spec.podCIDRs", "[\"10.244.1.0/24\",\"10.245.1.0/24\"]: may specify no more than one CIDR for each IP family")),
                Case.of("a node's capacity is not negative, nor its allocatable share, defaulted from it", NODE,
                        "status: {capacity: {cpu: '-1'}}",
                        invalid("status.capacity.cpu", "\"-1\": must be greater than or equal to 0"),
                        invalid("status.allocatable.cpu", "\"-1\": must be greater than or equal to 0")),
                Case.of("a node is cluster-scoped", NODE, "metadata: {namespace: default}",
                        forbidden("metadata.namespace", "not allowed on this type")));
    }

    static Stream<Case> persistentVolumes() {
        return Stream.of(
                Case.of("a host path volume is valid", PERSISTENT_VOLUME, "{}"),
                Case.of("a volume says how large it is", PERSISTENT_VOLUME, "spec: {capacity: {cpu: '1', storage: null}}",
                        notSupported("spec.capacity", "{\"cpu\":\"1\"}: supported values: \"storage\"")),
                Case.of("a volume is not empty", PERSISTENT_VOLUME, "spec: {capacity: {storage: '0'}}",
                        invalid("spec.capacity[storage]", "\"0\": must be greater than zero")),
                Case.of("a volume can be mounted some way", PERSISTENT_VOLUME, "spec: {accessModes: null}",
                        required("spec.accessModes")),
                Case.of("an access mode is one Kubernetes knows", PERSISTENT_VOLUME, "spec: {accessModes: [ReadWriteSometimes]}",
                        notSupported("spec.accessModes", "\"ReadWriteSometimes\": supported values: \"ReadOnlyMany\", "
                                + "\"ReadWriteMany\", \"ReadWriteOnce\", \"ReadWriteOncePod\"")),
                Case.of("a volume has a source", PERSISTENT_VOLUME, "spec: {hostPath: null}",
                        required("spec", "must specify a volume type")),
                Case.of("a volume has only one source", PERSISTENT_VOLUME, "spec: {local: {path: /mnt/disk}}",
                        forbidden("spec.local", "may not specify more than 1 volume type")),
                Case.of("a local volume says which nodes have it", PERSISTENT_VOLUME, "spec: {hostPath: null, local: {path: /mnt/disk}}",
                        required("spec.nodeAffinity", "Local volume requires node affinity")),
                Case.of("a local volume pinned to a node is valid", PERSISTENT_VOLUME,
                        "spec: {hostPath: null, local: {path: /mnt/disk}, nodeAffinity: {required: {nodeSelectorTerms: "
                                + "[{matchExpressions: [{key: kubernetes.io/hostname, operator: In, values: [worker-1]}]}]}}}"),
                Case.of("a reclaim policy is Retain, Delete or Recycle", PERSISTENT_VOLUME,
                        "spec: {persistentVolumeReclaimPolicy: Keep}",
                        notSupported("spec.persistentVolumeReclaimPolicy", "\"Keep\": supported values: \"Delete\", \"Recycle\", \"Retain\"")),
                Case.of("recycling would scrub the node's root file system", PERSISTENT_VOLUME,
                        "spec: {hostPath: {path: /}, persistentVolumeReclaimPolicy: Recycle}",
                        forbidden("spec.persistentVolumeReclaimPolicy", "may not be 'recycle' for a hostPath mount of '/'")));
    }

    static Stream<Case> claims() {
        return Stream.of(
                Case.of("a claim for a gibibyte is valid", CLAIM, "{}"),
                Case.of("a claim says how it will mount the volume", CLAIM, "spec: {accessModes: null}",
                        required("spec.accessModes", "at least 1 access mode is required")),
                Case.of("exclusive access to one pod excludes the other modes", CLAIM,
                        "spec: {accessModes: [ReadWriteOncePod, ReadOnlyMany]}",
                        forbidden("spec.accessModes", "may not use ReadWriteOncePod with other access modes")),
                Case.of("a claim says how much storage it needs", CLAIM, "spec: {resources: {requests: null}}",
                        required("spec.resources[storage]")),
                Case.of("a claim needs more than nothing", CLAIM, "spec: {resources: {requests: {storage: '0'}}}",
                        invalid("spec.resources[storage]", "\"0\": must be greater than zero")),
                Case.of("a volume mode is Filesystem or Block", CLAIM, "spec: {volumeMode: Raw}",
                        notSupported("spec.volumeMode", "\"Raw\": supported values: \"Block\", \"Filesystem\"")),
                Case.of("a storage class name is an object name", CLAIM, "spec: {storageClassName: Fast_SSD}",
                        invalid("spec.storageClassName", "\"Fast_SSD\": " + DNS_SUBDOMAIN)));
    }

    static Stream<Case> storageClasses() {
        return Stream.of(
                Case.of("a storage class is valid", STORAGE_CLASS, "{}"),
                Case.of("a storage class names its provisioner", STORAGE_CLASS, "provisioner: null", required("provisioner")),
                Case.of("a provisioner name is a label key", STORAGE_CLASS, "provisioner: local path",
                        invalid("provisioner", "\"local path\": " + LABEL_KEY_NAME)),
                Case.of("a binding mode is Immediate or WaitForFirstConsumer", STORAGE_CLASS, "volumeBindingMode: Later",
                        notSupported("volumeBindingMode", "\"Later\": supported values: \"Immediate\", \"WaitForFirstConsumer\"")),
                Case.of("provisioned volumes are deleted or retained, never recycled", STORAGE_CLASS, "reclaimPolicy: Recycle",
                        notSupported("reclaimPolicy", "\"Recycle\": supported values: \"Delete\", \"Retain\"")));
    }

    static Stream<Case> leases() {
        return Stream.of(
                Case.of("a node heartbeat lease is valid", LEASE, "{}"),
                Case.of("a lease lasts some time", LEASE, "spec: {leaseDurationSeconds: 0}",
                        invalid("spec.leaseDurationSeconds", "0: must be greater than 0")),
                Case.of("transitions are counted from zero", LEASE, "spec: {leaseTransitions: -1}",
                        invalid("spec.leaseTransitions", "-1: must be greater than or equal to 0")));
    }

    static Stream<Case> events() {
        String newStyle = "{eventTime: '2024-05-01T10:00:00.000000Z', reportingComponent: tugboat/scheduler, "
                + "reportingInstance: scheduler-1, action: Binding}";
        return Stream.of(
                Case.of("an event about a pod in its namespace is valid", EVENT, "{}"),
                Case.of("an event lives in the namespace of its object", EVENT, "involvedObject: {namespace: shop}",
                        invalid("involvedObject.namespace", "\"shop\": does not match event.namespace")),
                Case.of("an event about a cluster-scoped object lives in default", EVENT,
                        "involvedObject: {kind: Node, name: worker-1, namespace: null}"),
                Case.of("an event without involved object is accepted, as Kubernetes does", EVENT, "involvedObject: null"),
                Case.of("a new-style event says who reported it", EVENT, newStyle),
                Case.of("a new-style event names its reporting component", EVENT,
                        "{eventTime: '2024-05-01T10:00:00.000000Z', reportingInstance: scheduler-1, action: Binding}",
                        required("reportingComponent"), invalid("reportingComponent", "\"\": name part must be non-empty"),
                        invalid("reportingComponent", "\"\": " + LABEL_KEY_NAME)),
                Case.of("a new-style event says what was done", EVENT,
                        "{eventTime: '2024-05-01T10:00:00.000000Z', reportingComponent: tugboat/scheduler, reportingInstance: scheduler-1}",
                        required("action")),
                Case.of("an event name only has to fit in a URL", EVENT, "metadata: {name: 'web/17a2'}",
                        invalid("metadata.name", "\"web/17a2\": may not contain '/'")));
    }

    static Stream<Case> endpoints() {
        return Stream.of(
                Case.of("endpoints of one ready pod are valid", ENDPOINTS, "{}"),
                Case.of("a subset has addresses", ENDPOINTS, "subsets: [{ports: [{name: http, port: 8080}]}]",
                        required("subsets[0]", "must specify `addresses` or `notReadyAddresses`")),
                Case.of("an address is routable, not the node's own loopback", ENDPOINTS,
                        "subsets: [{addresses: [{ip: 127.0.0.1}], ports: [{name: http, port: 8080}]}]",
                        invalid("subsets[0].addresses[0].ip", "\"127.0.0.1\": may not be in the loopback range (127.0.0.0/8, ::1/128)")),
                Case.of("several ports are named", ENDPOINTS,
                        "subsets: [{addresses: [{ip: 10.244.1.7}], ports: [{port: 8080}, {port: 8443}]}]",
                        required("subsets[0].ports[0].name"), required("subsets[0].ports[1].name")));
    }

    static Stream<Case> endpointSlices() {
        return Stream.of(
                Case.of("a slice of one ready pod is valid", SLICE, "{}"),
                Case.of("a placeholder slice without endpoints is valid", SLICE, "{endpoints: null, ports: []}"),
                Case.of("a slice has an address type", SLICE, "addressType: null", required("addressType")),
                Case.of("the address type is IPv4, IPv6 or FQDN", SLICE, "addressType: IPv5",
                        notSupported("addressType", "\"IPv5\": supported values: \"FQDN\", \"IPv4\", \"IPv6\"")),
                Case.of("an endpoint has an address", SLICE, "endpoints: [{addresses: []}]",
                        required("endpoints[0].addresses", "must contain at least 1 address")),
                Case.of("addresses are of the slice's type", SLICE, "endpoints: [{addresses: ['fd00::1']}]",
                        invalid("endpoints[0].addresses[0]", "\"fd00::1\": must be a valid IPv4 address")),
                Case.of("an address is routable", SLICE, "endpoints: [{addresses: [127.0.0.1]}]",
                        invalid("endpoints[0].addresses[0]", "\"127.0.0.1\": may not be in the loopback range (127.0.0.0/8, ::1/128)")),
                Case.of("port names are unique", SLICE, "ports: [{name: http, port: 80}, {name: http, port: 81}]",
                        duplicate("ports[1].name", "\"http\"")),
                Case.of("the protocol is known", SLICE, "ports: [{name: http, port: 80, protocol: HTTP}]",
                        notSupported("ports[0].protocol", "\"HTTP\": supported values: \"SCTP\", \"TCP\", \"UDP\"")));
    }

    @Test
    void anEndpointSlicesAddressTypeIsFixed() {
        var old = io.tugboat.api.defaulting.Defaulter.apply((io.tugboat.api.discovery.EndpointSlice) Manifests.patched(SLICE, "{}"));
        var changed = old.withAddressType("IPv6").withEndpoints(null);
        assertEquals(List.of(new io.tugboat.api.meta.StatusCause("FieldValueInvalid",
                        "Invalid value: \"IPv6\": field is immutable", "addressType")),
                Validator.validateUpdate(changed, old));
    }

    static Stream<Case> smallKinds() {
        return Stream.of(
                Case.of("a binding to a node is valid", BINDING, "{}"),
                Case.of("a pod is bound to a named node", BINDING, "target: {name: null}", required("target.name")),
                Case.of("a pod is bound to nothing but a node", BINDING, "target: {kind: Pod}",
                        notSupported("target.kind", "\"Pod\": supported values: \"Node\", \"<empty>\"")),
                Case.of("a scale to three replicas is valid", SCALE, "{}"),
                Case.of("a scale is not negative", SCALE, "spec: {replicas: -1}",
                        invalid("spec.replicas", "-1: must be greater than or equal to 0")),
                Case.of("a controller revision is valid", REVISION, "{}"),
                Case.of("a controller revision holds data", REVISION, "data: null", required("data", "data is mandatory")),
                Case.of("a revision number is not negative", REVISION, "revision: -1",
                        invalid("revision", "-1: must be greater than or equal to 0")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource({"configMaps", "secrets", "namespaces", "nodes", "persistentVolumes", "claims", "storageClasses",
            "leases", "events", "endpoints", "endpointSlices", "smallKinds"})
    void validatesCoreKindsLikeKubernetes(Case c) {
        assertEquals(c.expected(), c.actual());
    }

    static Stream<UpdateCase> updates() {
        String immutable = "field is immutable when `immutable` is set";
        return Stream.of(
                UpdateCase.of("a config map may change", CONFIG_MAP, "{}", "data: {LOG_LEVEL: debug}"),
                UpdateCase.of("an immutable config map keeps its data", CONFIG_MAP, "immutable: true", "data: {LOG_LEVEL: debug}",
                        forbidden("data", immutable)),
                UpdateCase.of("an immutable config map stays immutable", CONFIG_MAP, "immutable: true", "immutable: false",
                        forbidden("immutable", immutable)),
                UpdateCase.of("a secret keeps its type", SECRET, "{}", "type: tugboat.io/custom",
                        invalid("type", "\"tugboat.io/custom\": field is immutable")),
                UpdateCase.of("an immutable secret keeps its data", SECRET, "immutable: true", "data: {password: bmV3}",
                        forbidden("data", immutable)),
                UpdateCase.of("a node may be given its pod CIDR once", NODE, "spec: {podCIDRs: null}",
                        "spec: {podCIDRs: [10.244.1.0/24]}"),
                UpdateCase.of("a node keeps its pod CIDR", NODE, "{}", "spec: {podCIDRs: [10.244.2.0/24]}",
                        forbidden("spec.podCIDRs", "node updates may not change podCIDR except from \"\" to valid")),
                UpdateCase.of("a node may be tainted and cordoned", NODE, "{}",
                        "spec: {unschedulable: true, taints: [{key: node.kubernetes.io/unschedulable, effect: NoSchedule}]}"),
                UpdateCase.of("a bound claim may grow", CLAIM, "status: {phase: Bound}",
                        "spec: {resources: {requests: {storage: 2Gi}}}"),
                UpdateCase.of("a bound claim may not shrink", CLAIM, "status: {phase: Bound}",
                        "spec: {resources: {requests: {storage: 500Mi}}}",
                        forbidden("spec.resources.requests.storage", "field can not be less than previous value")),
                UpdateCase.of("the binder may set the volume name once", CLAIM, "{}", "spec: {volumeName: data-1}"),
                UpdateCase.of("a storage class keeps its provisioner", STORAGE_CLASS, "{}", "provisioner: example.com/nfs",
                        forbidden("provisioner", "updates to provisioner are forbidden.")),
                UpdateCase.of("a storage class keeps its binding mode", STORAGE_CLASS, "{}",
                        "volumeBindingMode: WaitForFirstConsumer",
                        invalid("volumeBindingMode", "\"WaitForFirstConsumer\": field is immutable")),
                UpdateCase.of("a storage class may allow expansion later", STORAGE_CLASS, "{}", "allowVolumeExpansion: true"),
                UpdateCase.of("a lease changes hands", LEASE, "{}", "spec: {holderIdentity: worker-2, leaseTransitions: 1}"),
                UpdateCase.of("a controller revision keeps its data", REVISION, "{}",
                        "data: {spec: {template: {metadata: {labels: {app: api}}}}}",
                        invalid("data", "{\"spec\":{\"template\":{\"metadata\":{\"labels\":{\"app\":\"api\"}}}}}: field is immutable")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("updates")
    void validatesCoreUpdatesLikeKubernetes(UpdateCase u) {
        assertEquals(u.expected(), u.actual());
    }

    @Test
    void anUnboundClaimIsFrozenAndTheMessageShowsTheChange() {
        List<StatusCause> causes = UpdateCase.of("resize", CLAIM, "{}", "spec: {resources: {requests: {storage: 2Gi}}}").actual();
        assertEquals(1, causes.size(), causes::toString);
        assertEquals("spec", causes.get(0).field());
        assertEquals("FieldValueForbidden", causes.get(0).reason());
        assertTrue(causes.get(0).message().startsWith("Forbidden: spec is immutable after creation except "
                + "resources.requests and volumeAttributesClassName for bound claims"), causes.get(0).message());
    }

    @Test
    void aVolumeKeepsItsSource() {
        List<StatusCause> causes = UpdateCase.of("move", PERSISTENT_VOLUME, "{}", "spec: {hostPath: {path: /srv/other}}").actual();
        assertEquals(List.of("spec.persistentvolumesource"), causes.stream().map(StatusCause::field).toList(), causes::toString);
        assertTrue(causes.get(0).message().startsWith("Forbidden: spec.persistentvolumesource is immutable after creation"),
                causes.get(0).message());
    }
}
