package io.tugboat.api.roundtrip;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.tugboat.api.Codec;
import io.tugboat.api.DecodeException;
import io.tugboat.api.Decoded;
import io.tugboat.api.IntOrString;
import io.tugboat.api.Quantity;
import io.tugboat.api.apps.DaemonSet;
import io.tugboat.api.apps.Deployment;
import io.tugboat.api.apps.StatefulSet;
import io.tugboat.api.batch.CronJob;
import io.tugboat.api.batch.Job;
import io.tugboat.api.core.ConfigMap;
import io.tugboat.api.core.Container;
import io.tugboat.api.core.EnvVar;
import io.tugboat.api.core.NodeSelectorRequirement;
import io.tugboat.api.core.PersistentVolume;
import io.tugboat.api.core.PersistentVolumeClaim;
import io.tugboat.api.core.PodSpec;
import io.tugboat.api.core.Probe;
import io.tugboat.api.core.Secret;
import io.tugboat.api.core.Service;
import io.tugboat.api.core.ServicePort;
import io.tugboat.api.core.Toleration;
import io.tugboat.api.meta.KubernetesObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Manifests as people write them (under {@code src/test/resources/manifests}): comments, block and flow style,
 * quoted and bare values, {@code cpu: 1} and {@code cpu: 0.5} as YAML numbers, int-or-string ports, several
 * documents to a file, anchors, and fields Tugboat does not model. Each must decode to the values its author
 * meant, and report exactly the fields that were ignored, by path, so {@code kubectl apply} can warn about them.
 */
class ManifestsTest {

    /** One decoded document: which object it is and the fields Tugboat ignored in it. */
    record Document(String object, List<String> unknownFields) {
    }

    private static Document doc(String object, String... unknownFields) {
        return new Document(object, List.of(unknownFields));
    }

    static Stream<Arguments> manifests() {
        return Stream.of(
                arguments("deployment-web.yaml", List.of(doc("Deployment/web",
                        "spec.template.spec.securityContext",
                        "spec.template.spec.readinessGates",
                        "spec.template.spec.containers[0].securityContext"))),
                arguments("statefulset-db.yaml", List.of(doc("Service/db"), doc("StatefulSet/db"))),
                arguments("job.yaml", List.of(doc("Job/pi", "spec.podFailurePolicy"))),
                arguments("indexed-job.yaml", List.of(doc("Job/indexed", "spec.backoffLimitPerIndex"))),
                arguments("cronjob.yaml", List.of(doc("CronJob/report"))),
                arguments("daemonset-agent.yaml", List.of(doc("DaemonSet/log-agent"))),
                arguments("service-nodeport.yaml", List.of(doc("Service/web"))),
                arguments("configmap-secret.yaml", List.of(doc("ConfigMap/web-config"), doc("Secret/web-secrets"))),
                arguments("pv-pvc.yaml", List.of(doc("PersistentVolume/local-pv-1"),
                        doc("PersistentVolumeClaim/data", "spec.dataSourceRef"))),
                arguments("multi-document.yaml", List.of(doc("Namespace/shop"), doc("ConfigMap/settings"),
                        doc("Deployment/api"), doc("Service/api"))),
                arguments("anchors.yaml", List.of(doc("Deployment/workers"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("manifests")
    void decodesEveryDocumentAndReportsExactlyTheFieldsTugboatDoesNotModel(String file, List<Document> expected)
            throws DecodeException {
        List<Document> actual = decodeAll(file).stream()
                .map(d -> new Document(d.value().kind() + "/" + d.value().metadata().name(), d.unknownFields()))
                .toList();
        assertEquals(expected, actual);
    }

    @Test
    void deploymentFieldsLandWhereTheManifestPutThem() throws DecodeException {
        Deployment deployment = only("deployment-web.yaml", Deployment.class);
        PodSpec pod = deployment.spec().template().spec();
        Container web = pod.containers().get(0);
        assertAll(
                () -> assertEquals("shop", deployment.metadata().namespace()),
                () -> assertEquals(Map.of("app", "web", "tier", "frontend"), deployment.metadata().labels()),
                () -> assertEquals("3", deployment.metadata().annotations().get("deployment.kubernetes.io/revision")),
                () -> assertEquals(3, deployment.spec().replicas()),
                () -> assertEquals(IntOrString.of("25%"), deployment.spec().strategy().rollingUpdate().maxSurge()),
                () -> assertEquals(IntOrString.of(1), deployment.spec().strategy().rollingUpdate().maxUnavailable()),
                () -> assertEquals("web", pod.serviceAccountName()),
                () -> assertEquals("high-priority", pod.priorityClassName()),
                () -> assertEquals(30L, pod.terminationGracePeriodSeconds()),
                () -> assertEquals("nginx:1.25.3", web.image()),
                () -> assertEquals(List.of("--port=8080", "--log-level", "debug"), web.args()),
                () -> assertEquals("metrics", web.ports().get(1).name()),
                () -> assertEquals(9090, web.ports().get(1).containerPort()),
                // Resources: YAML numbers and strings alike become quantities.
                () -> assertEquals(Quantity.parse("500m"), web.resources().requests().get("cpu")),
                () -> assertEquals(Quantity.parse("128Mi"), web.resources().requests().get("memory")),
                () -> assertEquals(Quantity.parse("1"), web.resources().limits().get("cpu")),
                () -> assertEquals(Quantity.parse("256Mi"), web.resources().limits().get("memory")),
                () -> assertEquals(Quantity.parse("1Gi"), web.resources().limits().get("ephemeral-storage")),
                () -> assertEquals(Quantity.parse("512Mi"), pod.volumes().get(0).emptyDir().sizeLimit()),
                () -> assertEquals("/var/cache/nginx", web.volumeMounts().get(0).mountPath()));
    }

    @Test
    void deploymentProbesOfAllThreeKindsKeepTheirPortsAsWritten() throws DecodeException {
        Container web = only("deployment-web.yaml", Deployment.class).spec().template().spec().containers().get(0);
        Probe liveness = web.livenessProbe();
        Probe readiness = web.readinessProbe();
        Probe startup = web.startupProbe();
        assertAll(
                () -> assertEquals("/healthz", liveness.httpGet().path()),
                () -> assertEquals(IntOrString.of("http"), liveness.httpGet().port()),
                () -> assertEquals("liveness", liveness.httpGet().httpHeaders().get(0).value()),
                () -> assertEquals(10, liveness.initialDelaySeconds()),
                () -> assertEquals(20, liveness.periodSeconds()),
                () -> assertEquals(IntOrString.of(8080), readiness.tcpSocket().port()),
                () -> assertEquals(2, readiness.timeoutSeconds()),
                () -> assertEquals(List.of("sh", "-c", "test -f /tmp/ready"), startup.exec().command()),
                () -> assertEquals(30, startup.failureThreshold()),
                () -> assertNull(startup.httpGet()));
    }

    @Test
    void deploymentEnvComesFromValuesFieldsResourcesConfigMapsAndSecrets() throws DecodeException {
        Container web = only("deployment-web.yaml", Deployment.class).spec().template().spec().containers().get(0);
        Map<String, EnvVar> env = web.env().stream().collect(java.util.stream.Collectors.toMap(EnvVar::name, e -> e));
        assertAll(
                () -> assertEquals("json", env.get("LOG_FORMAT").value()),
                // Quoted so that they stay strings, as they must for an env value.
                () -> assertEquals("true", env.get("FEATURE_ENABLED").value()),
                () -> assertEquals("8080", env.get("PORT").value()),
                () -> assertEquals("metadata.name", env.get("POD_NAME").valueFrom().fieldRef().fieldPath()),
                () -> assertEquals("v1", env.get("POD_IP").valueFrom().fieldRef().apiVersion()),
                () -> assertEquals("status.podIP", env.get("POD_IP").valueFrom().fieldRef().fieldPath()),
                () -> assertEquals("limits.memory", env.get("MEMORY_LIMIT").valueFrom().resourceFieldRef().resource()),
                () -> assertEquals(Quantity.parse("1Mi"), env.get("MEMORY_LIMIT").valueFrom().resourceFieldRef().divisor()),
                () -> assertEquals("web-config", env.get("DB_HOST").valueFrom().configMapKeyRef().name()),
                () -> assertEquals("db.host", env.get("DB_HOST").valueFrom().configMapKeyRef().key()),
                () -> assertEquals("password", env.get("DB_PASSWORD").valueFrom().secretKeyRef().key()),
                () -> assertEquals(false, env.get("DB_PASSWORD").valueFrom().secretKeyRef().optional()),
                () -> assertEquals("web-config", web.envFrom().get(0).configMapRef().name()),
                () -> assertNull(web.envFrom().get(0).prefix()),
                () -> assertEquals("SECRET_", web.envFrom().get(1).prefix()),
                () -> assertEquals(true, web.envFrom().get(1).secretRef().optional()));
    }

    @Test
    void emptyStatusIsKnownAndStaysEmpty() throws DecodeException {
        Deployment deployment = only("deployment-web.yaml", Deployment.class);
        assertEquals("{}", Codec.toJsonString(deployment.status()));
    }

    @Test
    void statefulSetHasItsHeadlessServiceAndClaimTemplates() throws DecodeException {
        List<Decoded<KubernetesObject>> docs = decodeAll("statefulset-db.yaml");
        Service service = assertInstanceOf(Service.class, docs.get(0).value());
        StatefulSet set = assertInstanceOf(StatefulSet.class, docs.get(1).value());
        PersistentVolumeClaim claim = set.spec().volumeClaimTemplates().get(0);
        assertAll(
                () -> assertEquals("None", service.spec().clusterIP()),
                () -> assertEquals(true, service.spec().publishNotReadyAddresses()),
                () -> assertEquals(5432, service.spec().ports().get(0).port()),
                () -> assertNull(service.spec().ports().get(0).targetPort()),
                () -> assertEquals("db", set.spec().serviceName()),
                () -> assertEquals("Parallel", set.spec().podManagementPolicy()),
                () -> assertEquals(1, set.spec().updateStrategy().rollingUpdate().partition()),
                () -> assertEquals("Delete", set.spec().persistentVolumeClaimRetentionPolicy().whenDeleted()),
                () -> assertEquals("Retain", set.spec().persistentVolumeClaimRetentionPolicy().whenScaled()),
                () -> assertEquals("data", claim.metadata().name()),
                () -> assertEquals(List.of("ReadWriteOnce"), claim.spec().accessModes()),
                () -> assertEquals("standard", claim.spec().storageClassName()),
                () -> assertEquals(Quantity.parse("10Gi"), claim.spec().resources().requests().get("storage")),
                () -> assertEquals("data", set.spec().template().spec().containers().get(0).volumeMounts().get(0).name()));
    }

    @Test
    void jobsKeepLimitsCommandsAndCompletionMode() throws DecodeException {
        Job pi = only("job.yaml", Job.class);
        Job indexed = only("indexed-job.yaml", Job.class);
        assertAll(
                () -> assertEquals(4, pi.spec().backoffLimit()),
                () -> assertEquals(600L, pi.spec().activeDeadlineSeconds()),
                () -> assertEquals(100, pi.spec().ttlSecondsAfterFinished()),
                () -> assertEquals("Never", pi.spec().template().spec().restartPolicy()),
                () -> assertEquals(List.of("perl", "-Mbignum=bpi", "-wle", "print bpi(2000)"),
                        pi.spec().template().spec().containers().get(0).command()),
                () -> assertNull(pi.spec().completionMode()),
                () -> assertEquals("Indexed", indexed.spec().completionMode()),
                () -> assertEquals(5, indexed.spec().completions()),
                () -> assertEquals(2, indexed.spec().parallelism()),
                // A literal block keeps its line breaks, the last one included.
                () -> assertEquals("echo \"processing item $JOB_COMPLETION_INDEX\"\nsleep 1\n",
                        indexed.spec().template().spec().containers().get(0).command().get(2)));
    }

    @Test
    void cronJobKeepsItsScheduleAndJobTemplate() throws DecodeException {
        CronJob cron = only("cronjob.yaml", CronJob.class);
        assertAll(
                () -> assertEquals("*/5 * * * *", cron.spec().schedule()),
                () -> assertEquals("Europe/Paris", cron.spec().timeZone()),
                () -> assertEquals("Forbid", cron.spec().concurrencyPolicy()),
                () -> assertEquals(120L, cron.spec().startingDeadlineSeconds()),
                () -> assertEquals(3, cron.spec().successfulJobsHistoryLimit()),
                () -> assertEquals(1, cron.spec().failedJobsHistoryLimit()),
                () -> assertEquals(false, cron.spec().suspend()),
                () -> assertEquals(Map.of("job", "report"), cron.spec().jobTemplate().metadata().labels()),
                () -> assertEquals(0, cron.spec().jobTemplate().spec().backoffLimit()),
                // A plain scalar with "; " in it is one string.
                () -> assertEquals(List.of("/bin/sh", "-c", "date; echo Hello from the cluster"),
                        cron.spec().jobTemplate().spec().template().spec().containers().get(0).args()));
    }

    @Test
    void daemonSetKeepsTolerationsNodeAffinityAndHostPaths() throws DecodeException {
        DaemonSet agent = only("daemonset-agent.yaml", DaemonSet.class);
        PodSpec pod = agent.spec().template().spec();
        Toleration notReady = pod.tolerations().get(1);
        List<NodeSelectorRequirement> required = pod.affinity().nodeAffinity().requiredDuringSchedulingIgnoredDuringExecution()
                .nodeSelectorTerms().get(0).matchExpressions();
        assertAll(
                () -> assertEquals(IntOrString.of("10%"), agent.spec().updateStrategy().rollingUpdate().maxUnavailable()),
                () -> assertEquals(true, pod.hostNetwork()),
                () -> assertEquals("ClusterFirstWithHostNet", pod.dnsPolicy()),
                () -> assertEquals(new Toleration("node-role.kubernetes.io/control-plane", "Exists", null, "NoSchedule", null),
                        pod.tolerations().get(0)),
                () -> assertEquals(300L, notReady.tolerationSeconds()),
                () -> assertEquals("NoExecute", notReady.effect()),
                () -> assertEquals("logging", pod.tolerations().get(2).value()),
                () -> assertEquals(new NodeSelectorRequirement("kubernetes.io/os", "In", List.of("linux")), required.get(0)),
                () -> assertEquals(List.of("t2.nano"), required.get(1).values()),
                () -> assertEquals(50, pod.affinity().nodeAffinity().preferredDuringSchedulingIgnoredDuringExecution().get(0).weight()),
                () -> assertEquals("disktype", pod.affinity().nodeAffinity().preferredDuringSchedulingIgnoredDuringExecution()
                        .get(0).preference().matchExpressions().get(0).key()),
                () -> assertEquals("/var/log", pod.volumes().get(0).hostPath().path()),
                () -> assertNull(pod.volumes().get(0).hostPath().type()),
                () -> assertEquals("DirectoryOrCreate", pod.volumes().get(1).hostPath().type()),
                () -> assertEquals(true, pod.containers().get(0).volumeMounts().get(1).readOnly()),
                () -> assertEquals(Quantity.parse("100m"), pod.containers().get(0).resources().requests().get("cpu")),
                // 0644 is octal in YAML 1.1, which is what kubectl reads: 420.
                () -> assertEquals(420, pod.volumes().get(2).configMap().defaultMode()),
                () -> assertEquals("fluent-bit.conf", pod.volumes().get(2).configMap().items().get(0).path()));
    }

    @Test
    void nodePortServiceKeepsNamedNumberedAndQuotedTargetPortsApart() throws DecodeException {
        Service service = only("service-nodeport.yaml", Service.class);
        List<ServicePort> ports = service.spec().ports();
        assertAll(
                () -> assertEquals("NodePort", service.spec().type()),
                () -> assertEquals("Local", service.spec().externalTrafficPolicy()),
                () -> assertEquals("ClientIP", service.spec().sessionAffinity()),
                () -> assertEquals(10800, service.spec().sessionAffinityConfig().clientIP().timeoutSeconds()),
                () -> assertEquals(Map.of("app", "web"), service.spec().selector()),
                () -> assertEquals(new ServicePort("http", "TCP", null, 80, IntOrString.of("http"), 30080), ports.get(0)),
                () -> assertEquals(IntOrString.of(8443), ports.get(1).targetPort()),
                () -> assertNull(ports.get(1).nodePort()),
                // Quoted in the manifest, so a string, as Kubernetes keeps it.
                () -> assertEquals(IntOrString.of("9000"), ports.get(2).targetPort()),
                () -> assertFalse(ports.get(2).targetPort().isInt()));
    }

    @Test
    void configMapAndSecretKeepStringsBlocksAndBinaryData() throws DecodeException {
        List<Decoded<KubernetesObject>> docs = decodeAll("configmap-secret.yaml");
        ConfigMap config = assertInstanceOf(ConfigMap.class, docs.get(0).value());
        Secret secret = assertInstanceOf(Secret.class, docs.get(1).value());
        assertAll(
                () -> assertEquals("5432", config.data().get("db.port")),
                () -> assertEquals("yes", config.data().get("feature.enabled")),
                () -> assertEquals("server {\n  listen 8080;\n  location / { return 200 'ok'; }\n}\n",
                        config.data().get("nginx.conf")),
                // A folded block joins its lines with spaces.
                () -> assertEquals("Welcome to the shop.\n", config.data().get("motd")),
                () -> assertEquals(Map.of("logo.png", "iVBORw0KGgo="), config.binaryData()),
                () -> assertEquals("Opaque", secret.type()),
                () -> assertEquals(true, secret.immutable()),
                () -> assertEquals(Map.of("password", "c2VjcmV0"), secret.data()),
                () -> assertEquals(Map.of("username", "admin", "api-key", "0123"), secret.stringData()));
    }

    @Test
    void persistentVolumeAndClaimKeepCapacityAccessAndSelector() throws DecodeException {
        List<Decoded<KubernetesObject>> docs = decodeAll("pv-pvc.yaml");
        PersistentVolume volume = assertInstanceOf(PersistentVolume.class, docs.get(0).value());
        PersistentVolumeClaim claim = assertInstanceOf(PersistentVolumeClaim.class, docs.get(1).value());
        assertAll(
                () -> assertEquals(Map.of("storage", Quantity.parse("5Gi")), volume.spec().capacity()),
                () -> assertEquals(List.of("ReadWriteOnce"), volume.spec().accessModes()),
                () -> assertEquals("Retain", volume.spec().persistentVolumeReclaimPolicy()),
                () -> assertEquals("manual", volume.spec().storageClassName()),
                () -> assertEquals("Filesystem", volume.spec().volumeMode()),
                () -> assertEquals("/mnt/data", volume.spec().hostPath().path()),
                () -> assertEquals(List.of("node-1"), volume.spec().nodeAffinity().required().nodeSelectorTerms().get(0)
                        .matchExpressions().get(0).values()),
                () -> assertEquals("shop", claim.metadata().namespace()),
                () -> assertEquals(Map.of("type", "local"), claim.spec().selector().matchLabels()),
                () -> assertEquals(Quantity.parse("1Gi"), claim.spec().resources().requests().get("storage")));
    }

    @Test
    void multiDocumentFileSkipsEmptyDocumentsAndKeepsTheOrder() throws DecodeException {
        List<KubernetesObject> objects = decodeAll("multi-document.yaml").stream().map(Decoded::value).toList();
        Deployment api = assertInstanceOf(Deployment.class, objects.get(2));
        Service service = assertInstanceOf(Service.class, objects.get(3));
        assertAll(
                () -> assertEquals(List.of("Namespace", "ConfigMap", "Deployment", "Service"),
                        objects.stream().map(KubernetesObject::kind).toList()),
                () -> assertEquals("2", ((ConfigMap) objects.get(1)).data().get("replicas")),
                () -> assertEquals(Quantity.parse("250m"), api.spec().template().spec().containers().get(0).resources()
                        .requests().get("cpu")),
                () -> assertEquals("settings", api.spec().template().spec().containers().get(0).envFrom().get(0)
                        .configMapRef().name()),
                () -> assertEquals(IntOrString.of(8080), service.spec().ports().get(0).targetPort()),
                () -> assertEquals("{}", Codec.toJsonString(service.status().loadBalancer())));
    }

    @Test
    void anchorsAliasesAndMergeKeysAreExpanded() throws DecodeException {
        Deployment workers = only("anchors.yaml", Deployment.class);
        PodSpec pod = workers.spec().template().spec();
        Container fast = pod.containers().get(0);
        Container slow = pod.containers().get(1);
        Map<String, String> labels = Map.of("app", "workers", "tier", "backend");
        assertAll(
                () -> assertEquals(labels, workers.metadata().labels()),
                () -> assertEquals(labels, workers.spec().selector().matchLabels()),
                () -> assertEquals(labels, workers.spec().template().metadata().labels()),
                () -> assertEquals("fast", fast.name()),
                () -> assertEquals(Quantity.parse("1"), fast.resources().limits().get("cpu")),
                // The merge key copies the first container; the keys written beside it win.
                () -> assertEquals("slow", slow.name()),
                () -> assertEquals("shop/worker:1.0", slow.image()),
                () -> assertEquals(fast.resources(), slow.resources()),
                () -> assertEquals("slow", slow.env().get(0).value()),
                () -> assertEquals(fast.resources(), pod.initContainers().get(0).resources()));
    }

    @Test
    void decodedManifestsSurviveTheirOwnJsonAndYaml() throws DecodeException {
        // The hand-written manifests reach corners the random generator only visits by chance (flow maps, octal,
        // merge keys); whatever they decoded to must round-trip like any generated object.
        for (Arguments manifest : manifests().toList()) {
            for (Decoded<KubernetesObject> decoded : decodeAll((String) manifest.get()[0])) {
                KubernetesObject object = decoded.value();
                assertEquals(object, Codec.decodeObject(Codec.toJson(object), false).value(), object.kind() + " via JSON");
                assertEquals(object, Codec.decodeObject(Codec.toYaml(object).getBytes(StandardCharsets.UTF_8), true).value(),
                        object.kind() + " via YAML");
            }
        }
    }

    private static List<Decoded<KubernetesObject>> decodeAll(String file) throws DecodeException {
        List<Decoded<KubernetesObject>> docs = Codec.decodeYamlDocuments(manifest(file));
        assertFalse(docs.isEmpty(), file + " has no documents");
        return docs;
    }

    /** The one object in {@code file}, which must be of {@code type}. */
    private static <T> T only(String file, Class<T> type) throws DecodeException {
        List<Decoded<KubernetesObject>> docs = decodeAll(file);
        assertEquals(1, docs.size(), file + " should hold one object");
        return assertInstanceOf(type, docs.get(0).value());
    }

    static String manifest(String file) {
        try (InputStream in = ManifestsTest.class.getResourceAsStream("/manifests/" + file)) {
            if (in == null) {
                throw new IllegalArgumentException("no manifest " + file + " under src/test/resources/manifests");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
