package io.tugboat.api.defaulting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.tugboat.api.Codec;
import io.tugboat.api.DecodeException;
import io.tugboat.api.IntOrString;
import io.tugboat.api.Quantity;
import io.tugboat.api.apps.DaemonSet;
import io.tugboat.api.apps.Deployment;
import io.tugboat.api.apps.ReplicaSet;
import io.tugboat.api.apps.StatefulSet;
import io.tugboat.api.batch.CronJob;
import io.tugboat.api.batch.Job;
import io.tugboat.api.core.ConfigMap;
import io.tugboat.api.core.Container;
import io.tugboat.api.core.Endpoints;
import io.tugboat.api.core.Namespace;
import io.tugboat.api.core.Node;
import io.tugboat.api.core.PersistentVolume;
import io.tugboat.api.core.PersistentVolumeClaim;
import io.tugboat.api.core.Pod;
import io.tugboat.api.core.PodSpec;
import io.tugboat.api.core.Probe;
import io.tugboat.api.core.Secret;
import io.tugboat.api.core.Service;
import io.tugboat.api.core.ServiceSpec;
import io.tugboat.api.core.Volume;
import io.tugboat.api.meta.KubernetesObject;
import io.tugboat.api.storage.StorageClass;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Kubernetes' defaults, kind by kind, and the promise that applying them twice changes nothing. */
class DefaulterTest {

    @SuppressWarnings("unchecked")
    static <T extends KubernetesObject> T decode(String yaml) {
        try {
            return (T) Codec.decodeObject(Codec.readTree(yaml.getBytes(StandardCharsets.UTF_8), true)).value();
        } catch (DecodeException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static final String POD = """
            apiVersion: v1
            kind: Pod
            metadata: {name: web, namespace: default}
            spec:
              containers:
              - name: web
                image: tugboat/web:1.0
                ports: [{containerPort: 8080}]
                env: [{name: POD, valueFrom: {fieldRef: {fieldPath: metadata.name}}}]
                resources: {limits: {cpu: 500m}, requests: {memory: 64Mi}}
                livenessProbe: {httpGet: {port: 8080}}
                readinessProbe: {tcpSocket: {port: 8080}, periodSeconds: 5, timeoutSeconds: 0}
              volumes:
              - {name: scratch}
              - {name: config, configMap: {name: settings}}
              - {name: creds, secret: {secretName: creds, defaultMode: 256}}
              - {name: logs, hostPath: {path: /var/log}}
            """;

    @Test
    void fillsThePodSpecLikeKubernetes() {
        Pod pod = Defaulter.apply(DefaulterTest.<Pod>decode(POD));
        PodSpec spec = pod.spec();
        assertEquals("Always", spec.restartPolicy());
        assertEquals("ClusterFirst", spec.dnsPolicy());
        assertEquals(30L, spec.terminationGracePeriodSeconds());
        assertEquals("default-scheduler", spec.schedulerName());
        assertEquals(Boolean.TRUE, spec.enableServiceLinks());
        assertNull(spec.priority(), "priority is set by the Priority admission plugin, not by defaulting");
    }

    @Test
    void fillsContainersLikeKubernetes() {
        Container c = Defaulter.apply(DefaulterTest.<Pod>decode(POD)).spec().containers().get(0);
        assertEquals("IfNotPresent", c.imagePullPolicy());
        assertEquals("/dev/termination-log", c.terminationMessagePath());
        assertEquals("File", c.terminationMessagePolicy());
        assertEquals("TCP", c.ports().get(0).protocol());
        assertEquals("v1", c.env().get(0).valueFrom().fieldRef().apiVersion());
    }

    @Test
    void aPodThatOnlyStatesLimitsIsScheduledForThem() {
        Container c = Defaulter.apply(DefaulterTest.<Pod>decode(POD)).spec().containers().get(0);
        assertEquals(Map.of("cpu", Quantity.parse("500m"), "memory", Quantity.parse("64Mi")), c.resources().requests());
    }

    @Test
    void fillsProbesWithTheFamiliarNumbers() {
        Container c = Defaulter.apply(DefaulterTest.<Pod>decode(POD)).spec().containers().get(0);
        Probe liveness = c.livenessProbe();
        assertEquals(List.of(1, 10, 1, 3), List.of(liveness.timeoutSeconds(), liveness.periodSeconds(),
                liveness.successThreshold(), liveness.failureThreshold()));
        assertEquals("/", liveness.httpGet().path());
        assertEquals("HTTP", liveness.httpGet().scheme());
        Probe readiness = c.readinessProbe();
        assertEquals(5, readiness.periodSeconds(), "a given value is kept");
        assertEquals(1, readiness.timeoutSeconds(), "an explicit 0 is defaulted, as Go cannot tell 0 from unset");
    }

    @Test
    void fillsVolumesLikeKubernetes() {
        List<Volume> volumes = Defaulter.apply(DefaulterTest.<Pod>decode(POD)).spec().volumes();
        assertEquals(Codec.toTree(Map.of()), Codec.toTree(volumes.get(0).emptyDir()), "a volume without source is an emptyDir");
        assertEquals(420, volumes.get(1).configMap().defaultMode());
        assertEquals(256, volumes.get(2).secret().defaultMode(), "a given mode is kept");
        assertEquals("", volumes.get(3).hostPath().type());
    }

    static Stream<Arguments> pullPolicies() {
        return Stream.of(
                Arguments.of("nginx", "Always"),
                Arguments.of("nginx:latest", "Always"),
                Arguments.of("nginx:1.25", "IfNotPresent"),
                Arguments.of("nginx@sha256:0e072dddd1f7f8fc8909a2ca6f65e76c5f0d2fcfb8be47935ae3457e8bbceb20", "IfNotPresent"),
                Arguments.of("nginx:latest@sha256:0e072dddd1f7f8fc8909a2ca6f65e76c5f0d2fcfb8be47935ae3457e8bbceb20", "Always"),
                Arguments.of("localhost:5000/team/nginx", "Always"),
                Arguments.of("localhost:5000/team/nginx:1", "IfNotPresent"));
    }

    @ParameterizedTest(name = "image {0} is pulled {1}")
    @MethodSource("pullPolicies")
    void choosesThePullPolicyFromTheImageTag(String image, String expected) {
        assertEquals(expected, PodDefaults.pullPolicyFor(image));
    }

    @Test
    void withTheHostNetworkAHostPortDefaultsToTheContainerPort() {
        Pod pod = Defaulter.apply(DefaulterTest.<Pod>decode("""
                apiVersion: v1
                kind: Pod
                metadata: {name: web, namespace: default}
                spec:
                  hostNetwork: true
                  containers: [{name: web, image: 'a:1', ports: [{containerPort: 8080}]}]
                """));
        assertEquals(8080, pod.spec().containers().get(0).ports().get(0).hostPort());
    }

    static final String DEPLOYMENT = """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web, namespace: default}
            spec:
              selector: {matchLabels: {app: web}}
              template:
                metadata: {labels: {app: web}}
                spec:
                  containers: [{name: web, image: 'tugboat/web:1.0', resources: {limits: {cpu: '1'}}}]
            """;

    @Test
    void fillsDeploymentsLikeKubernetes() {
        Deployment d = Defaulter.apply(DefaulterTest.<Deployment>decode(DEPLOYMENT));
        assertEquals(1, d.spec().replicas());
        assertEquals("RollingUpdate", d.spec().strategy().type());
        assertEquals(IntOrString.of("25%"), d.spec().strategy().rollingUpdate().maxUnavailable());
        assertEquals(IntOrString.of("25%"), d.spec().strategy().rollingUpdate().maxSurge());
        assertEquals(10, d.spec().revisionHistoryLimit());
        assertEquals(600, d.spec().progressDeadlineSeconds());
        assertEquals("Always", d.spec().template().spec().restartPolicy());
    }

    @Test
    void aTemplateGetsPodSpecDefaultsButNotPodOnlyOnes() {
        PodSpec spec = Defaulter.apply(DefaulterTest.<Deployment>decode(DEPLOYMENT)).spec().template().spec();
        assertEquals("IfNotPresent", spec.containers().get(0).imagePullPolicy());
        assertNull(spec.enableServiceLinks());
        assertNull(spec.containers().get(0).resources().requests());
    }

    @Test
    void aRecreateDeploymentGetsNoRollingUpdateBlock() {
        Deployment d = Defaulter.apply(DefaulterTest.<Deployment>decode(DEPLOYMENT.replace("spec:\n  selector",
                "spec:\n  strategy: {type: Recreate}\n  selector")));
        assertEquals("Recreate", d.spec().strategy().type());
        assertNull(d.spec().strategy().rollingUpdate());
    }

    @Test
    void fillsReplicaSetsLikeKubernetes() {
        ReplicaSet rs = Defaulter.apply(DefaulterTest.<ReplicaSet>decode(DEPLOYMENT.replace("Deployment", "ReplicaSet")));
        assertEquals(1, rs.spec().replicas());
        assertEquals("ClusterFirst", rs.spec().template().spec().dnsPolicy());
    }

    static final String STATEFUL_SET = """
            apiVersion: apps/v1
            kind: StatefulSet
            metadata: {name: db, namespace: default}
            spec:
              serviceName: db
              selector: {matchLabels: {app: db}}
              template:
                metadata: {labels: {app: db}}
                spec:
                  containers: [{name: db, image: 'tugboat/db:1'}]
              volumeClaimTemplates:
              - metadata: {name: data}
                spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}
            """;

    @Test
    void fillsStatefulSetsLikeKubernetes() {
        StatefulSet sts = Defaulter.apply(DefaulterTest.<StatefulSet>decode(STATEFUL_SET));
        assertEquals(1, sts.spec().replicas());
        assertEquals("OrderedReady", sts.spec().podManagementPolicy());
        assertEquals("RollingUpdate", sts.spec().updateStrategy().type());
        assertEquals(0, sts.spec().updateStrategy().rollingUpdate().partition());
        assertEquals(10, sts.spec().revisionHistoryLimit());
        assertEquals("Retain", sts.spec().persistentVolumeClaimRetentionPolicy().whenDeleted());
        assertEquals("Retain", sts.spec().persistentVolumeClaimRetentionPolicy().whenScaled());
        PersistentVolumeClaim claim = sts.spec().volumeClaimTemplates().get(0);
        assertEquals("Filesystem", claim.spec().volumeMode());
        assertEquals("Pending", claim.status().phase());
        assertEquals("Always", sts.spec().template().spec().restartPolicy());
    }

    @Test
    void fillsDaemonSetsLikeKubernetes() {
        DaemonSet ds = Defaulter.apply(DefaulterTest.<DaemonSet>decode(DEPLOYMENT.replace("Deployment", "DaemonSet")));
        assertEquals("RollingUpdate", ds.spec().updateStrategy().type());
        assertEquals(IntOrString.of(1), ds.spec().updateStrategy().rollingUpdate().maxUnavailable());
        assertEquals(IntOrString.of(0), ds.spec().updateStrategy().rollingUpdate().maxSurge());
        assertEquals(10, ds.spec().revisionHistoryLimit());
    }

    static final String JOB = """
            apiVersion: batch/v1
            kind: Job
            metadata: {name: report, namespace: default}
            spec:
              template:
                metadata: {labels: {app: report}}
                spec:
                  restartPolicy: Never
                  containers: [{name: report, image: 'tugboat/report:1'}]
            """;

    @Test
    void fillsJobsLikeKubernetes() {
        Job job = Defaulter.apply(DefaulterTest.<Job>decode(JOB));
        assertEquals(1, job.spec().completions());
        assertEquals(1, job.spec().parallelism());
        assertEquals(6, job.spec().backoffLimit());
        assertEquals("NonIndexed", job.spec().completionMode());
        assertEquals(Boolean.FALSE, job.spec().suspend());
        assertEquals(Boolean.FALSE, job.spec().manualSelector());
        assertEquals(Map.of("app", "report"), job.metadata().labels(), "a job without labels takes its template's");
        assertEquals("Never", job.spec().template().spec().restartPolicy());
    }

    @Test
    void aJobWithOnlyCompletionsRunsOnePodAtATime() {
        Job job = Defaulter.apply(DefaulterTest.<Job>decode(JOB.replace("spec:\n  template", "spec:\n  completions: 5\n  template")));
        assertEquals(5, job.spec().completions());
        assertEquals(1, job.spec().parallelism());
    }

    @Test
    void aJobWithOnlyParallelismKeepsCompletionsUnset() {
        Job job = Defaulter.apply(DefaulterTest.<Job>decode(JOB.replace("spec:\n  template", "spec:\n  parallelism: 3\n  template")));
        assertNull(job.spec().completions(), "a work queue: done when any pod succeeds");
        assertEquals(3, job.spec().parallelism());
    }

    @Test
    void fillsCronJobsLikeKubernetes() {
        CronJob cj = Defaulter.apply(DefaulterTest.<CronJob>decode("""
                apiVersion: batch/v1
                kind: CronJob
                metadata: {name: nightly, namespace: default}
                spec:
                  schedule: '0 3 * * *'
                  jobTemplate:
                    spec:
                      template:
                        spec:
                          restartPolicy: OnFailure
                          containers: [{name: report, image: 'tugboat/report:1'}]
                """));
        assertEquals("Allow", cj.spec().concurrencyPolicy());
        assertEquals(Boolean.FALSE, cj.spec().suspend());
        assertEquals(3, cj.spec().successfulJobsHistoryLimit());
        assertEquals(1, cj.spec().failedJobsHistoryLimit());
        assertEquals("ClusterFirst", cj.spec().jobTemplate().spec().template().spec().dnsPolicy());
        assertNull(cj.spec().jobTemplate().spec().backoffLimit(), "Job defaults apply to each Job, not to the template");
    }

    static final String SERVICE = """
            apiVersion: v1
            kind: Service
            metadata: {name: web, namespace: default}
            spec:
              selector: {app: web}
              ports: [{name: http, port: 80}, {name: metrics, port: 9090, targetPort: metrics}]
            """;

    @Test
    void clientIpAffinityGetsKubernetesDefaultTimeoutUnlessOneIsGiven() {
        ServiceSpec sticky = Defaulter.apply(DefaulterTest.<Service>decode(SERVICE + "  sessionAffinity: ClientIP\n")).spec();
        assertEquals(10800, sticky.sessionAffinityConfig().clientIP().timeoutSeconds());
        ServiceSpec given = Defaulter.apply(DefaulterTest.<Service>decode(SERVICE
                + "  sessionAffinity: ClientIP\n  sessionAffinityConfig: {clientIP: {timeoutSeconds: 60}}\n")).spec();
        assertEquals(60, given.sessionAffinityConfig().clientIP().timeoutSeconds());
    }

    @Test
    void fillsServicesLikeKubectlShowsThem() {
        ServiceSpec spec = Defaulter.apply(DefaulterTest.<Service>decode(SERVICE)).spec();
        assertEquals("ClusterIP", spec.type());
        assertEquals("None", spec.sessionAffinity());
        assertNull(spec.sessionAffinityConfig(), "no affinity, no affinity config");
        assertEquals("TCP", spec.ports().get(0).protocol());
        assertEquals(IntOrString.of(80), spec.ports().get(0).targetPort());
        assertEquals(IntOrString.of("metrics"), spec.ports().get(1).targetPort(), "a named target port is kept");
        assertEquals("Cluster", spec.internalTrafficPolicy());
        assertNull(spec.externalTrafficPolicy(), "a ClusterIP service is not reachable from outside");
        assertEquals("SingleStack", spec.ipFamilyPolicy());
        assertEquals(List.of("IPv4"), spec.ipFamilies());
    }

    @Test
    void aNodePortServiceRoutesExternalTrafficClusterWide() {
        ServiceSpec spec = Defaulter.apply(DefaulterTest.<Service>decode(SERVICE.replace("spec:\n", "spec:\n  type: NodePort\n"))).spec();
        assertEquals("Cluster", spec.externalTrafficPolicy());
    }

    @Test
    void clusterIpAndClusterIpsFillEachOther() {
        ServiceSpec spec = Defaulter.apply(DefaulterTest.<Service>decode(SERVICE.replace("spec:\n", "spec:\n  clusterIP: 10.96.0.10\n"))).spec();
        assertEquals(List.of("10.96.0.10"), spec.clusterIPs());
        ServiceSpec back = Defaulter.apply(DefaulterTest.<Service>decode(SERVICE.replace("spec:\n", "spec:\n  clusterIPs: [fd00::10]\n"))).spec();
        assertEquals("fd00::10", back.clusterIP());
        assertEquals(List.of("IPv6"), back.ipFamilies());
    }

    @Test
    void aHeadlessServiceWithoutSelectorRequiresDualStack() {
        ServiceSpec spec = Defaulter.apply(DefaulterTest.<Service>decode("""
                apiVersion: v1
                kind: Service
                metadata: {name: peers, namespace: default}
                spec: {clusterIP: None}
                """)).spec();
        assertEquals("RequireDualStack", spec.ipFamilyPolicy());
    }

    @Test
    void anExternalNameServiceGetsNoIpFields() {
        ServiceSpec spec = Defaulter.apply(DefaulterTest.<Service>decode("""
                apiVersion: v1
                kind: Service
                metadata: {name: db, namespace: default}
                spec: {type: ExternalName, externalName: db.example.com}
                """)).spec();
        assertNull(spec.ipFamilyPolicy());
        assertNull(spec.ipFamilies());
        assertNull(spec.internalTrafficPolicy());
    }

    @Test
    void foldsASecretsStringDataIntoItsDataAsKubernetesConversionDoes() {
        Secret secret = Defaulter.apply(DefaulterTest.<Secret>decode("""
                {apiVersion: v1, kind: Secret, metadata: {name: s, namespace: default},
                 data: {user: YWRtaW4=, password: b2xk}, stringData: {password: "new é"}}"""));
        assertEquals(Map.of("user", "YWRtaW4=", "password", "bmV3IMOp"), secret.data(), "stringData wins, as UTF-8 base64");
        assertNull(secret.stringData(), "write-only: never stored");
        assertEquals(secret, Defaulter.apply(secret), "a second pass changes nothing");
    }

    @Test
    void fillsTheSmallCoreKinds() {
        assertEquals("Opaque", Defaulter.apply(DefaulterTest.<Secret>decode(
                "{apiVersion: v1, kind: Secret, metadata: {name: s, namespace: default}}")).type());
        Namespace ns = Defaulter.apply(DefaulterTest.<Namespace>decode("{apiVersion: v1, kind: Namespace, metadata: {name: shop}}"));
        assertEquals(Map.of("kubernetes.io/metadata.name", "shop"), ns.metadata().labels());
        assertEquals(List.of("kubernetes"), ns.spec().finalizers());
        assertEquals("Active", ns.status().phase());
        PersistentVolumeClaim pvc = Defaulter.apply(DefaulterTest.<PersistentVolumeClaim>decode(
                "{apiVersion: v1, kind: PersistentVolumeClaim, metadata: {name: data, namespace: default},"
                        + " spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}}"));
        assertEquals("Filesystem", pvc.spec().volumeMode());
        assertEquals("Pending", pvc.status().phase());
        PersistentVolume pv = Defaulter.apply(DefaulterTest.<PersistentVolume>decode(
                "{apiVersion: v1, kind: PersistentVolume, metadata: {name: pv1},"
                        + " spec: {capacity: {storage: 1Gi}, accessModes: [ReadWriteOnce], hostPath: {path: /srv}}}"));
        assertEquals("Retain", pv.spec().persistentVolumeReclaimPolicy());
        assertEquals("Filesystem", pv.spec().volumeMode());
        assertEquals("Pending", pv.status().phase());
        assertEquals("", pv.spec().hostPath().type());
        Node node = Defaulter.apply(DefaulterTest.<Node>decode(
                "{apiVersion: v1, kind: Node, metadata: {name: n1}, status: {capacity: {cpu: '4', pods: '110'}}}"));
        assertEquals(node.status().capacity(), node.status().allocatable());
        StorageClass sc = Defaulter.apply(DefaulterTest.<StorageClass>decode(
                "{apiVersion: storage.k8s.io/v1, kind: StorageClass, metadata: {name: local}, provisioner: rancher.io/local-path}"));
        assertEquals("Delete", sc.reclaimPolicy());
        assertEquals("Immediate", sc.volumeBindingMode());
        Endpoints ep = Defaulter.apply(DefaulterTest.<Endpoints>decode(
                "{apiVersion: v1, kind: Endpoints, metadata: {name: web, namespace: default},"
                        + " subsets: [{addresses: [{ip: 10.0.0.5}], ports: [{port: 80}]}]}"));
        assertEquals("TCP", ep.subsets().get(0).ports().get(0).protocol());
    }

    @Test
    void givenValuesAreNeverOverwritten() {
        Deployment d = Defaulter.apply(DefaulterTest.<Deployment>decode(DEPLOYMENT.replace("spec:\n  selector",
                "spec:\n  replicas: 0\n  revisionHistoryLimit: 2\n  strategy: {rollingUpdate: {maxSurge: 1}}\n  selector")));
        assertEquals(0, d.spec().replicas());
        assertEquals(2, d.spec().revisionHistoryLimit());
        assertEquals(IntOrString.of(1), d.spec().strategy().rollingUpdate().maxSurge());
        assertEquals(IntOrString.of("25%"), d.spec().strategy().rollingUpdate().maxUnavailable());
    }

    @Test
    void kindsWithoutDefaultsComeBackUnchanged() {
        ConfigMap cm = decode("{apiVersion: v1, kind: ConfigMap, metadata: {name: c, namespace: default}}");
        assertSame(cm, Defaulter.apply(cm));
    }

    static Stream<Arguments> everyKind() {
        return Stream.of(
                Arguments.of("Pod", POD),
                Arguments.of("Deployment", DEPLOYMENT),
                Arguments.of("ReplicaSet", DEPLOYMENT.replace("Deployment", "ReplicaSet")),
                Arguments.of("DaemonSet", DEPLOYMENT.replace("Deployment", "DaemonSet")),
                Arguments.of("StatefulSet", STATEFUL_SET),
                Arguments.of("Job", JOB),
                Arguments.of("CronJob", """
                        apiVersion: batch/v1
                        kind: CronJob
                        metadata: {name: nightly, namespace: default}
                        spec: {schedule: '@daily', jobTemplate: {spec: {template: {spec: {containers: [{name: c, image: 'a:1'}]}}}}}
                        """),
                Arguments.of("Service", SERVICE),
                Arguments.of("headless Service", "{apiVersion: v1, kind: Service, metadata: {name: p, namespace: d}, spec: {clusterIP: None}}"),
                Arguments.of("Secret", "{apiVersion: v1, kind: Secret, metadata: {name: s, namespace: default}}"),
                Arguments.of("ConfigMap", "{apiVersion: v1, kind: ConfigMap, metadata: {name: c, namespace: default}}"),
                Arguments.of("Namespace", "{apiVersion: v1, kind: Namespace, metadata: {name: shop}}"),
                Arguments.of("Node", "{apiVersion: v1, kind: Node, metadata: {name: n1}, status: {capacity: {cpu: '4'}}}"),
                Arguments.of("PersistentVolume", "{apiVersion: v1, kind: PersistentVolume, metadata: {name: pv1},"
                        + " spec: {capacity: {storage: 1Gi}, accessModes: [ReadWriteOnce], hostPath: {path: /srv}}}"),
                Arguments.of("PersistentVolumeClaim", "{apiVersion: v1, kind: PersistentVolumeClaim, metadata: {name: d, namespace: default},"
                        + " spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}}"),
                Arguments.of("StorageClass", "{apiVersion: storage.k8s.io/v1, kind: StorageClass, metadata: {name: l}, provisioner: x.io/p}"),
                Arguments.of("Endpoints", "{apiVersion: v1, kind: Endpoints, metadata: {name: web, namespace: default},"
                        + " subsets: [{addresses: [{ip: 10.0.0.5}], ports: [{port: 80}]}]}"),
                Arguments.of("Lease", "{apiVersion: coordination.k8s.io/v1, kind: Lease, metadata: {name: l, namespace: default}}"),
                Arguments.of("Event", "{apiVersion: v1, kind: Event, metadata: {name: e, namespace: default}}"));
    }

    @ParameterizedTest(name = "defaulting a {0} twice equals defaulting it once")
    @MethodSource("everyKind")
    void isIdempotent(String kind, String yaml) {
        KubernetesObject once = Defaulter.apply(decode(yaml));
        KubernetesObject twice = Defaulter.apply(once);
        assertEquals(once, twice);
        assertEquals(Codec.toJsonString(once), Codec.toJsonString(twice));
    }

    @ParameterizedTest(name = "defaulting a {0} leaves the input as it was")
    @MethodSource("everyKind")
    void neverChangesItsArgument(String kind, String yaml) {
        KubernetesObject input = decode(yaml);
        String before = Codec.toJsonString(input);
        Defaulter.apply(input);
        assertEquals(before, Codec.toJsonString(input));
    }
}
