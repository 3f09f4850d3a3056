package io.tugboat.apiserver.rest.table;

import static io.tugboat.apiserver.rest.table.Fixtures.cells;
import static io.tugboat.apiserver.rest.table.Fixtures.yaml;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tugboat.api.Quantity;
import io.tugboat.api.ResourceKind;
import io.tugboat.api.ResourceKinds;
import io.tugboat.api.meta.KubernetesObject;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Services, endpoints, namespaces, config, events, leases and storage: one row per realistic object. */
class CorePrintersTest {
    /**
     * Capacities print as {@link Quantity#toString()}; Kubernetes shows the canonical form ({@code 10Gi}), which
     * is what Quantity will print once api-types canonicalises it.
     */
    private static final String TEN_GI = Quantity.parse("10Gi").toString();

    private static <T extends KubernetesObject> List<Object> row(ResourceKind<T> kind, String yaml) {
        return cells(kind, yaml(yaml, kind.type()));
    }

    private static Arguments service(String description, String spec, String status, List<Object> expected) {
        return Arguments.of(description, row(ResourceKinds.SERVICES, """
                apiVersion: v1
                kind: Service
                metadata: {name: web, namespace: default, creationTimestamp: "2024-05-01T11:00:00Z"}
                spec: %s
                status: %s
                """.formatted(spec, status)), expected);
    }

    static Stream<Arguments> services() {
        return Stream.of(
                service("a ClusterIP service shows its ports and selector",
                        "{type: ClusterIP, clusterIP: 10.96.0.10, clusterIPs: [10.96.0.10], selector: {app: web},"
                                + " ports: [{port: 80, targetPort: 8080, protocol: TCP}, {port: 53, protocol: UDP}]}",
                        "{}", List.of("web", "ClusterIP", "10.96.0.10", "<none>", "80/TCP,53/UDP", "60m", "app=web")),
                service("a NodePort service shows node ports",
                        "{type: NodePort, clusterIP: 10.96.3.4, ports: [{port: 80, nodePort: 30080, protocol: TCP}]}",
                        "{}", List.of("web", "NodePort", "10.96.3.4", "<none>", "80:30080/TCP", "60m", "<none>")),
                service("a LoadBalancer without an address is pending",
                        "{type: LoadBalancer, clusterIPs: [10.96.3.5], ports: [{port: 443, nodePort: 31443}]}",
                        "{loadBalancer: {}}",
                        List.of("web", "LoadBalancer", "10.96.3.5", "<pending>", "443:31443/TCP", "60m", "<none>")),
                service("a LoadBalancer shows its ingress IPs and external IPs",
                        "{type: LoadBalancer, clusterIPs: [10.96.3.5], externalIPs: [203.0.113.9], ports: [{port: 80}]}",
                        "{loadBalancer: {ingress: [{ip: 198.51.100.2}, {hostname: lb.example.com}]}}",
                        List.of("web", "LoadBalancer", "10.96.3.5", "198.51.100.2,lb.example.com,203.0.113.9",
                                "80/TCP", "60m", "<none>")),
                service("an ExternalName service shows the name it aliases",
                        "{type: ExternalName, externalName: db.example.com}", "{}",
                        List.of("web", "ExternalName", "<none>", "db.example.com", "<none>", "60m", "<none>")),
                service("a headless service has cluster IP None",
                        "{type: ClusterIP, clusterIP: None, clusterIPs: [None], selector: {app: db, tier: data}}", "{}",
                        List.of("web", "ClusterIP", "None", "<none>", "<none>", "60m", "app=db,tier=data")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("services")
    void servicesPrintTypeAddressesAndPorts(String description, List<Object> cells, List<Object> expected) {
        assertEquals(expected, cells);
    }

    static Stream<Arguments> others() {
        return Stream.of(
                Arguments.of("a namespace shows its phase", row(ResourceKinds.NAMESPACES, """
                        apiVersion: v1
                        kind: Namespace
                        metadata: {name: team-a, creationTimestamp: "2024-05-01T11:59:55Z"}
                        status: {phase: Active}
                        """), List.of("team-a", "Active", "5s")),
                Arguments.of("endpoints show three addresses and how many more", row(ResourceKinds.ENDPOINTS, """
                        apiVersion: v1
                        kind: Endpoints
                        metadata: {name: web, namespace: default, creationTimestamp: "2024-05-01T11:00:00Z"}
                        subsets:
                        - addresses: [{ip: 10.244.1.2}, {ip: 10.244.2.3}]
                          ports: [{name: http, port: 8080, protocol: TCP}]
                        - addresses: [{ip: 10.244.3.4}, {ip: "fd00::5"}]
                          ports: [{name: http, port: 8080, protocol: TCP}]
                        """), List.of("web", "10.244.1.2:8080,10.244.2.3:8080,10.244.3.4:8080 + 1 more...", "60m")),
                Arguments.of("endpoints without subsets are none", row(ResourceKinds.ENDPOINTS, """
                        apiVersion: v1
                        kind: Endpoints
                        metadata: {name: web, namespace: default, creationTimestamp: "2024-05-01T11:00:00Z"}
                        """), List.of("web", "<none>", "60m")),
                Arguments.of("an endpoint slice lists ports and addresses, three at most", row(ResourceKinds.ENDPOINT_SLICES, """
                        apiVersion: discovery.k8s.io/v1
                        kind: EndpointSlice
                        metadata: {name: web-x7k2p, namespace: default, creationTimestamp: "2024-05-01T11:00:00Z"}
                        addressType: IPv4
                        ports: [{name: http, port: 8080, protocol: TCP}, {name: admin, port: 9090, protocol: TCP}]
                        endpoints:
                        - addresses: [10.244.1.2]
                        - addresses: [10.244.2.3]
                        - addresses: [10.244.3.4]
                        - addresses: [10.244.3.5]
                        """), List.of("web-x7k2p", "IPv4", "8080,9090", "10.244.1.2,10.244.2.3,10.244.3.4 + 1 more...", "60m")),
                Arguments.of("a placeholder endpoint slice is unset", row(ResourceKinds.ENDPOINT_SLICES, """
                        apiVersion: discovery.k8s.io/v1
                        kind: EndpointSlice
                        metadata: {name: web-x7k2p, namespace: default, creationTimestamp: "2024-05-01T11:00:00Z"}
                        addressType: IPv4
                        ports: []
                        """), List.of("web-x7k2p", "IPv4", "<unset>", "<unset>", "60m")),
                Arguments.of("a config map counts data and binary data", row(ResourceKinds.CONFIG_MAPS, """
                        apiVersion: v1
                        kind: ConfigMap
                        metadata: {name: settings, namespace: default, creationTimestamp: "2024-04-30T12:00:00Z"}
                        data: {LOG_LEVEL: debug, MODE: fast}
                        binaryData: {logo.png: aGVsbG8=}
                        """), List.of("settings", 3L, "24h")),
                Arguments.of("a secret shows its type and key count", row(ResourceKinds.SECRETS, """
                        apiVersion: v1
                        kind: Secret
                        metadata: {name: db, namespace: default, creationTimestamp: "2024-04-30T12:00:00Z"}
                        type: Opaque
                        data: {password: c2VjcmV0}
                        """), List.of("db", "Opaque", 1L, "24h")),
                Arguments.of("a lease shows its holder", row(ResourceKinds.LEASES, """
                        apiVersion: coordination.k8s.io/v1
                        kind: Lease
                        metadata: {name: worker-1, namespace: kube-node-lease, creationTimestamp: "2024-04-30T12:00:00Z"}
                        spec: {holderIdentity: worker-1, leaseDurationSeconds: 40}
                        """), List.of("worker-1", "worker-1", "24h")),
                Arguments.of("an event shows when, what and about which object", row(ResourceKinds.EVENTS, """
                        apiVersion: v1
                        kind: Event
                        metadata: {name: web.17c8a, namespace: default, creationTimestamp: "2024-05-01T11:50:00Z"}
                        involvedObject: {kind: Pod, namespace: default, name: web, fieldPath: "spec.containers{app}"}
                        reason: BackOff
                        message: "Back-off restarting failed container app  "
                        source: {component: kubelet, host: worker-1}
                        firstTimestamp: "2024-05-01T11:50:00Z"
                        lastTimestamp: "2024-05-01T11:58:00Z"
                        count: 7
                        type: Warning
                        """), List.of("2m", "Warning", "BackOff", "pod/web", "spec.containers{app}", "kubelet, worker-1",
                        "Back-off restarting failed container app", "10m", 7L, "web.17c8a")),
                Arguments.of("an event of a newer client uses eventTime (microseconds, so 59.9s is 59s) and the reporting fields",
                        row(ResourceKinds.EVENTS, """
                        apiVersion: v1
                        kind: Event
                        metadata: {name: sched.1, namespace: default, creationTimestamp: "2024-05-01T11:59:00Z"}
                        involvedObject: {kind: Pod, namespace: default, name: web}
                        reason: Scheduled
                        message: Successfully assigned default/web to worker-1
                        eventTime: "2024-05-01T11:59:00.123456Z"
                        reportingComponent: default-scheduler
                        reportingInstance: scheduler-0
                        type: Normal
                        """), List.of("59s", "Normal", "Scheduled", "pod/web", "", "default-scheduler, scheduler-0",
                        "Successfully assigned default/web to worker-1", "59s", 1L, "sched.1")),
                Arguments.of("a bound volume shows capacity, modes and its claim", row(ResourceKinds.PERSISTENT_VOLUMES, """
                        apiVersion: v1
                        kind: PersistentVolume
                        metadata: {name: pv-1, creationTimestamp: "2024-04-30T12:00:00Z"}
                        spec:
                          capacity: {storage: 10Gi}
                          accessModes: [ReadWriteMany, ReadWriteOnce]
                          persistentVolumeReclaimPolicy: Retain
                          storageClassName: local
                          claimRef: {namespace: default, name: data}
                          hostPath: {path: /srv/pv-1}
                        status: {phase: Bound}
                        """), List.of("pv-1", TEN_GI, "RWO,RWX", "Retain", "Bound", "default/data", "local", "<unset>",
                        "", "24h", "<unset>")),
                Arguments.of("a bound claim shows the volume's capacity", row(ResourceKinds.PERSISTENT_VOLUME_CLAIMS, """
                        apiVersion: v1
                        kind: PersistentVolumeClaim
                        metadata: {name: data, namespace: default, creationTimestamp: "2024-04-30T12:00:00Z"}
                        spec:
                          accessModes: [ReadWriteOnce]
                          resources: {requests: {storage: 1Gi}}
                          volumeName: pv-1
                          storageClassName: local
                          volumeMode: Filesystem
                        status: {phase: Bound, accessModes: [ReadWriteOnce], capacity: {storage: 10Gi}}
                        """), List.of("data", "Bound", "pv-1", TEN_GI, "RWO", "local", "<unset>", "24h", "Filesystem")),
                Arguments.of("a pending claim shows no capacity", row(ResourceKinds.PERSISTENT_VOLUME_CLAIMS, """
                        apiVersion: v1
                        kind: PersistentVolumeClaim
                        metadata: {name: data, namespace: default, creationTimestamp: "2024-04-30T12:00:00Z"}
                        spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}
                        status: {phase: Pending}
                        """), List.of("data", "Pending", "", "", "", "", "<unset>", "24h", "<unset>")),
                Arguments.of("the default storage class is marked and defaults are filled in",
                        row(ResourceKinds.STORAGE_CLASSES, """
                        apiVersion: storage.k8s.io/v1
                        kind: StorageClass
                        metadata:
                          name: local
                          creationTimestamp: "2024-04-30T12:00:00Z"
                          annotations: {storageclass.kubernetes.io/is-default-class: "true"}
                        provisioner: tugboat.io/hostpath
                        """), List.of("local (default)", "tugboat.io/hostpath", "Delete", "Immediate", false, "24h")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("others")
    void printsRowsLikeKubectl(String description, List<Object> cells, List<Object> expected) {
        assertEquals(expected, cells);
    }
}
