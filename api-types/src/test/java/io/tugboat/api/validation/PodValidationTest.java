package io.tugboat.api.validation;

import static io.tugboat.api.validation.Causes.DNS_LABEL;
import static io.tugboat.api.validation.Causes.DNS_SUBDOMAIN;
import static io.tugboat.api.validation.Causes.LABEL_KEY_NAME;
import static io.tugboat.api.validation.Causes.LABEL_VALUE;
import static io.tugboat.api.validation.Causes.duplicate;
import static io.tugboat.api.validation.Causes.forbidden;
import static io.tugboat.api.validation.Causes.invalid;
import static io.tugboat.api.validation.Causes.notFound;
import static io.tugboat.api.validation.Causes.notSupported;
import static io.tugboat.api.validation.Causes.required;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tugboat.api.core.Pod;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Pod rules from {@code ValidatePodCreate}: each row changes one thing in a valid pod (with a merge patch; lists
 * are replaced whole) and lists the causes Kubernetes answers with.
 */
class PodValidationTest {

    static final String POD = """
            apiVersion: v1
            kind: Pod
            metadata: {name: web, namespace: default, labels: {app: web}}
            spec:
              containers:
              - name: web
                image: tugboat/web:1.0
                ports: [{name: http, containerPort: 8080}]
                volumeMounts: [{name: data, mountPath: /data}]
              volumes:
              - {name: data, emptyDir: {}}
            """;

    private static Case pod(String name, String patch, io.tugboat.api.meta.StatusCause... expected) {
        return Case.of(name, POD, patch, expected);
    }

    /** A patch replacing the only container (no mounts), so volume rows are not disturbed by mount checks. */
    private static String container(String yaml) {
        return "spec: {containers: [" + yaml + "]}";
    }

    static Stream<Case> containers() {
        return Stream.of(
                pod("a complete pod is valid", "{}"),
                pod("a pod without containers is rejected", "spec: {containers: []}", required("spec.containers")),
                pod("a container name must be a DNS label", container("{name: Web, image: 'a:1'}"),
                        invalid("spec.containers[0].name", "\"Web\": " + DNS_LABEL)),
                pod("a container needs an image", container("{name: web}"), required("spec.containers[0].image")),
                pod("an image may not be padded with spaces", container("{name: web, image: ' nginx:1'}"),
                        invalid("spec.containers[0].image", "\" nginx:1\": must not have leading or trailing whitespace")),
                pod("two containers may not share a name",
                        "spec: {containers: [{name: web, image: 'a:1'}, {name: web, image: 'b:1'}]}",
                        duplicate("spec.containers[1].name", "\"web\"")),
                pod("container names are unique across init and regular containers",
                        "spec: {initContainers: [{name: web, image: 'busybox:1'}]}",
                        duplicate("spec.initContainers[0].name", "\"web\"")),
                pod("an init container may not have probes",
                        "spec: {initContainers: [{name: init, image: 'busybox:1', readinessProbe: {exec: {command: ['true']}}}]}",
                        forbidden("spec.initContainers[0].readinessProbe", "may not be set for init containers without restartPolicy=Always")),
                pod("an unknown pull policy is refused", container("{name: web, image: 'a:1', imagePullPolicy: Sometimes}"),
                        notSupported("spec.containers[0].imagePullPolicy", "\"Sometimes\": supported values: \"Always\", \"IfNotPresent\", \"Never\"")),
                pod("an unknown termination message policy is refused",
                        container("{name: web, image: 'a:1', terminationMessagePolicy: Logs}"),
                        notSupported("spec.containers[0].terminationMessagePolicy", "\"Logs\": supported values: \"File\", \"FallbackToLogsOnError\"")));
    }

    static Stream<Case> ports() {
        return Stream.of(
                pod("a container port is required", container("{name: web, image: 'a:1', ports: [{containerPort: 0}]}"),
                        required("spec.containers[0].ports[0].containerPort")),
                pod("a container port above 65535 is refused", container("{name: web, image: 'a:1', ports: [{containerPort: 70000}]}"),
                        invalid("spec.containers[0].ports[0].containerPort", "70000: must be between 1 and 65535, inclusive")),
                pod("a port name is a short lower-case IANA name",
                        container("{name: web, image: 'a:1', ports: [{name: HTTP-endpoint-xyz, containerPort: 80}]}"),
                        invalid("spec.containers[0].ports[0].name", "\"HTTP-endpoint-xyz\": must be no more than 15 characters"),
                        invalid("spec.containers[0].ports[0].name",
                                "\"HTTP-endpoint-xyz\": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)")),
                pod("port names are unique within a container",
                        container("{name: web, image: 'a:1', ports: [{name: http, containerPort: 80}, {name: http, containerPort: 81}]}"),
                        duplicate("spec.containers[0].ports[1].name", "\"http\"")),
                pod("a protocol is TCP, UDP or SCTP", container("{name: web, image: 'a:1', ports: [{containerPort: 80, protocol: HTTP}]}"),
                        notSupported("spec.containers[0].ports[0].protocol", "\"HTTP\": supported values: \"SCTP\", \"TCP\", \"UDP\"")),
                pod("two containers may not bind the same host port",
                        "spec: {containers: [{name: a, image: 'a:1', ports: [{containerPort: 80, hostPort: 80}]},"
                                + " {name: b, image: 'b:1', ports: [{containerPort: 81, hostPort: 80}]}]}",
                        duplicate("spec.containers[1].ports[0].hostPort", "\"TCP//80\"")),
                pod("with the host network a host port must equal the container port",
                        "spec: {hostNetwork: true, containers: [{name: web, image: 'a:1', ports: [{containerPort: 8080, hostPort: 9090}]}]}",
                        invalid("spec.containers[0].ports[0].hostPort", "9090: must match `containerPort` when `hostNetwork` is true")),
                pod("with the host network an omitted host port is defaulted to the container port",
                        "spec: {hostNetwork: true, containers: [{name: web, image: 'a:1', ports: [{containerPort: 8080}]}]}"));
    }

    static Stream<Case> environment() {
        String envName = "a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', "
                + "and must not start with a digit (e.g. 'my.env-name',  or 'MY_ENV.NAME',  or 'MyEnvName1', regex used for "
                + "validation is '[-._a-zA-Z][-._a-zA-Z0-9]*')";
        return Stream.of(
                pod("an environment variable may contain dots and dashes", container("{name: web, image: 'a:1', env: [{name: my.var-1, value: x}]}")),
                pod("an environment variable may not start with a digit", container("{name: web, image: 'a:1', env: [{name: 1VAR, value: x}]}"),
                        invalid("spec.containers[0].env[0].name", "\"1VAR\": " + envName)),
                pod("a valueFrom needs a source", container("{name: web, image: 'a:1', env: [{name: A, valueFrom: {}}]}"),
                        invalid("spec.containers[0].env[0].valueFrom",
                                "\"\": must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`")),
                pod("a valueFrom takes exactly one source",
                        container("{name: web, image: 'a:1', env: [{name: A, valueFrom: {fieldRef: {fieldPath: metadata.name}, secretKeyRef: {name: s, key: k}}}]}"),
                        invalid("spec.containers[0].env[0].valueFrom", "\"\": may not have more than one field specified at a time")),
                pod("a value and a valueFrom exclude each other",
                        container("{name: web, image: 'a:1', env: [{name: A, value: x, valueFrom: {fieldRef: {fieldPath: metadata.name}}}]}"),
                        invalid("spec.containers[0].env[0].valueFrom", "\"\": may not be specified when `value` is not empty")),
                pod("a label can be read through the downward API",
                        container("{name: web, image: 'a:1', env: [{name: APP, valueFrom: {fieldRef: {fieldPath: \"metadata.labels['app']\"}}}]}")),
                pod("the pod phase cannot be read into the environment",
                        container("{name: web, image: 'a:1', env: [{name: A, valueFrom: {fieldRef: {fieldPath: status.phase}}}]}"),
                        notSupported("spec.containers[0].env[0].valueFrom.fieldRef.fieldPath", "\"status.phase\": supported values: "
                                + "\"metadata.name\", \"metadata.namespace\", \"metadata.uid\", \"spec.nodeName\", \"spec.serviceAccountName\", "
                                + "\"status.hostIP\", \"status.hostIPs\", \"status.podIP\", \"status.podIPs\"")),
                pod("a configMap key reference needs a key",
                        container("{name: web, image: 'a:1', env: [{name: A, valueFrom: {configMapKeyRef: {name: cfg}}}]}"),
                        required("spec.containers[0].env[0].valueFrom.configMapKeyRef.key")),
                pod("an envFrom entry needs a source, reported on envFrom",
                        container("{name: web, image: 'a:1', envFrom: [{prefix: X_}]}"),
                        invalid("spec.containers[0].envFrom", "\"\": must specify one of: `configMapRef` or `secretRef`")));
    }

    static Stream<Case> volumes() {
        String noMounts = "containers: [{name: web, image: 'a:1'}]";
        return Stream.of(
                pod("a volume without a source becomes an emptyDir", "spec: {volumes: [{name: data}]}"),
                pod("a mount must name a volume", container("{name: web, image: 'a:1', volumeMounts: [{name: cache, mountPath: /cache}]}"),
                        notFound("spec.containers[0].volumeMounts[0].name", "\"cache\"")),
                pod("a mount needs a path", container("{name: web, image: 'a:1', volumeMounts: [{name: data}]}"),
                        required("spec.containers[0].volumeMounts[0].mountPath")),
                pod("two mounts may not share a path",
                        container("{name: web, image: 'a:1', volumeMounts: [{name: data, mountPath: /d}, {name: data, mountPath: /d}]}"),
                        invalid("spec.containers[0].volumeMounts[1].mountPath", "\"/d\": must be unique")),
                pod("a sub path is relative, reported without the mount index",
                        container("{name: web, image: 'a:1', volumeMounts: [{name: data, mountPath: /data, subPath: /etc}]}"),
                        invalid("spec.containers[0].volumeMounts.subPath", "\"/etc\": must be a relative path")),
                pod("bidirectional propagation needs a privileged container",
                        container("{name: web, image: 'a:1', volumeMounts: [{name: data, mountPath: /data, mountPropagation: Bidirectional}]}"),
                        forbidden("spec.containers[0].volumeMounts.mountPropagation",
                                "Bidirectional mount propagation is available only to privileged containers")),
                pod("a volume has one source; the broken volume cannot be mounted",
                        "spec: {volumes: [{name: data, emptyDir: {}, hostPath: {path: /tmp}}]}",
                        forbidden("spec.volumes[0].hostPath", "may not specify more than 1 volume type"),
                        notFound("spec.containers[0].volumeMounts[0].name", "\"data\"")),
                pod("a volume name must be a DNS label", "spec: {volumes: [{name: Data, emptyDir: {}}], " + noMounts + "}",
                        invalid("spec.volumes[0].name", "\"Data\": " + DNS_LABEL)),
                pod("two volumes may not share a name", "spec: {volumes: [{name: data, emptyDir: {}}, {name: data, emptyDir: {}}]}",
                        duplicate("spec.volumes[1].name", "\"data\"")),
                pod("a host path may not climb out with ..",
                        "spec: {volumes: [{name: data, hostPath: {path: /var/../etc}}], " + noMounts + "}",
                        invalid("spec.volumes[0].hostPath.path", "\"/var/../etc\": must not contain '..'")),
                pod("a host path type comes from a fixed set",
                        "spec: {volumes: [{name: data, hostPath: {path: /var/log, type: Dir}}], " + noMounts + "}",
                        notSupported("spec.volumes[0].hostPath.type", "\"Dir\": supported values: \"\", \"BlockDevice\", \"CharDevice\", "
                                + "\"Directory\", \"DirectoryOrCreate\", \"File\", \"FileOrCreate\", \"Socket\"")),
                pod("a secret volume names its secret", "spec: {volumes: [{name: data, secret: {}}], " + noMounts + "}",
                        required("spec.volumes[0].secret.secretName")),
                pod("a file mode fits in 0777", "spec: {volumes: [{name: data, secret: {secretName: s, defaultMode: 999}}], " + noMounts + "}",
                        invalid("spec.volumes[0].secret.defaultMode", "999: must be a number between 0 and 0777 (octal), both inclusive")),
                pod("a claim volume names its claim", "spec: {volumes: [{name: data, persistentVolumeClaim: {}}], " + noMounts + "}",
                        required("spec.volumes[0].persistentVolumeClaim.claimName")));
    }

    static Stream<Case> resources() {
        return Stream.of(
                pod("requests within limits are fine",
                        container("{name: web, image: 'a:1', resources: {requests: {cpu: 500m, memory: 64Mi}, limits: {cpu: '1', memory: 128Mi}}}")),
                pod("a request may not exceed its limit",
                        container("{name: web, image: 'a:1', resources: {requests: {cpu: '2'}, limits: {cpu: '1'}}}"),
                        invalid("spec.containers[0].resources.requests", "\"2\": must be less than or equal to cpu limit of 1")),
                pod("a negative limit is refused, and so is the request defaulted from it",
                        container("{name: web, image: 'a:1', resources: {limits: {memory: '-1'}}}"),
                        invalid("spec.containers[0].resources.limits[memory]", "\"-1\": must be greater than or equal to 0"),
                        invalid("spec.containers[0].resources.requests[memory]", "\"-1\": must be greater than or equal to 0")),
                pod("an unknown resource needs a domain",
                        container("{name: web, image: 'a:1', resources: {requests: {gpu: '1'}}}"),
                        invalid("spec.containers[0].resources.requests[gpu]", "\"gpu\": must be a standard resource type or fully qualified"),
                        invalid("spec.containers[0].resources.requests[gpu]", "\"gpu\": must be a standard resource for containers")),
                pod("an extended resource cannot be overcommitted",
                        container("{name: web, image: 'a:1', resources: {requests: {example.com/gpu: '0'}, limits: {example.com/gpu: '1'}}}"),
                        invalid("spec.containers[0].resources.requests", "\"0\": must be equal to example.com/gpu limit of 1")),
                pod("an extended resource needs a limit",
                        container("{name: web, image: 'a:1', resources: {requests: {example.com/gpu: '1'}}}"),
                        required("spec.containers[0].resources.limits", "Limit must be set for non overcommitable resources")));
    }

    static Stream<Case> probes() {
        String probePath = "spec.containers[0].livenessProbe";
        return Stream.of(
                pod("a probe needs a handler", container("{name: web, image: 'a:1', livenessProbe: {periodSeconds: 5}}"),
                        required(probePath, "must specify a handler type")),
                pod("a probe has one handler", container("{name: web, image: 'a:1', livenessProbe: {exec: {command: ['true']}, tcpSocket: {port: 8080}}}"),
                        forbidden(probePath + ".tcpSocket", "may not specify more than 1 handler type")),
                pod("a liveness probe succeeds after one success", container("{name: web, image: 'a:1', livenessProbe: {tcpSocket: {port: 8080}, successThreshold: 2}}"),
                        invalid(probePath + ".successThreshold", "2: must be 1")),
                pod("a readiness probe may ask for several successes",
                        container("{name: web, image: 'a:1', readinessProbe: {tcpSocket: {port: 8080}, successThreshold: 2}}")),
                pod("a probe period may not be negative",
                        container("{name: web, image: 'a:1', readinessProbe: {tcpSocket: {port: 8080}, periodSeconds: -1}}"),
                        invalid("spec.containers[0].readinessProbe.periodSeconds", "-1: must be greater than or equal to 0")),
                pod("an exec probe needs a command", container("{name: web, image: 'a:1', livenessProbe: {exec: {}}}"),
                        required(probePath + ".exec.command")),
                pod("a probe port name follows the port name rules", container("{name: web, image: 'a:1', livenessProbe: {httpGet: {port: Web}}}"),
                        invalid(probePath + ".httpGet.port", "\"Web\": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)")),
                pod("a probe speaks HTTP or HTTPS", container("{name: web, image: 'a:1', livenessProbe: {httpGet: {port: 8080, scheme: FTP}}}"),
                        notSupported(probePath + ".httpGet.scheme", "\"FTP\": supported values: \"HTTP\", \"HTTPS\"")),
                pod("a preStop hook needs a handler", container("{name: web, image: 'a:1', lifecycle: {preStop: {}}}"),
                        required("spec.containers[0].lifecycle.preStop", "must specify a handler type")));
    }

    static Stream<Case> scheduling() {
        String nodeTerm = "spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms";
        String antiTerm = "spec.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].topologyKey";
        return Stream.of(
                pod("an unknown restart policy is refused", "spec: {restartPolicy: Sometimes}",
                        notSupported("spec.restartPolicy", "\"Sometimes\": supported values: \"Always\", \"OnFailure\", \"Never\"")),
                pod("an unknown DNS policy is refused", "spec: {dnsPolicy: ClusterFirsts}",
                        notSupported("spec.dnsPolicy", "\"ClusterFirsts\": supported values: \"ClusterFirstWithHostNet\", \"ClusterFirst\", \"Default\", \"None\"")),
                pod("DNS policy None needs a dnsConfig", "spec: {dnsPolicy: None}",
                        required("spec.dnsConfig", "must provide `dnsConfig` when `dnsPolicy` is None")),
                pod("DNS policy None needs a nameserver", "spec: {dnsPolicy: None, dnsConfig: {searches: [example.org]}}",
                        required("spec.dnsConfig.nameservers", "must provide at least one DNS nameserver when `dnsPolicy` is None")),
                pod("a dnsConfig nameserver is an IP address", "spec: {dnsConfig: {nameservers: [dns.example.org]}}",
                        invalid("spec.dnsConfig.nameservers[0]", "\"dns.example.org\": must be valid IP address")),
                pod("a dnsConfig option has a name", "spec: {dnsConfig: {options: [{value: \"2\"}]}}",
                        required("spec.dnsConfig.options[0]", "Option.Name must not be empty")),
                pod("a deadline is at least one second", "spec: {activeDeadlineSeconds: 0}",
                        invalid("spec.activeDeadlineSeconds", "0: must be between 1 and 2147483647, inclusive")),
                pod("a node name is a DNS subdomain", "spec: {nodeName: Node_1}",
                        invalid("spec.nodeName", "\"Node_1\": " + DNS_SUBDOMAIN)),
                pod("a host name is a DNS label", "spec: {hostname: my.host}",
                        invalid("spec.hostname", "\"my.host\": must not contain dots")),
                pod("a node selector uses label values", "spec: {nodeSelector: {disk: 'fast ssd'}}",
                        invalid("spec.nodeSelector", "\"fast ssd\": " + LABEL_VALUE)),
                pod("a toleration may tolerate every taint", "spec: {tolerations: [{operator: Exists}]}"),
                pod("an Exists toleration takes no value", "spec: {tolerations: [{key: k, operator: Exists, value: v}]}",
                        invalid("spec.tolerations[0].operator", "\"v\": value must be empty when `operator` is 'Exists'")),
                pod("a toleration without key must use Exists", "spec: {tolerations: [{operator: Equal}]}",
                        invalid("spec.tolerations[0].operator",
                                "\"Equal\": operator must be Exists when `key` is empty, which means \"match all values and all keys\"")),
                pod("a toleration operator is Equal or Exists", "spec: {tolerations: [{key: k, operator: In}]}",
                        notSupported("spec.tolerations[0].operator", "\"In\": supported values: \"Equal\", \"Exists\"")),
                pod("a toleration effect is a taint effect", "spec: {tolerations: [{key: k, operator: Exists, effect: NoRun}]}",
                        notSupported("spec.tolerations[0].effect", "\"NoRun\": supported values: \"NoSchedule\", \"PreferNoSchedule\", \"NoExecute\"")),
                pod("only NoExecute tolerations have seconds",
                        "spec: {tolerations: [{key: k, operator: Exists, effect: NoSchedule, tolerationSeconds: 60}]}",
                        invalid("spec.tolerations[0].effect", "\"NoSchedule\": effect must be 'NoExecute' when `tolerationSeconds` is set")),
                pod("a node affinity needs a term",
                        "spec: {affinity: {nodeAffinity: {requiredDuringSchedulingIgnoredDuringExecution: {nodeSelectorTerms: []}}}}",
                        required(nodeTerm, "must have at least one node selector term")),
                pod("a node selector operator comes from a fixed set",
                        "spec: {affinity: {nodeAffinity: {requiredDuringSchedulingIgnoredDuringExecution: {nodeSelectorTerms: "
                                + "[{matchExpressions: [{key: zone, operator: Has, values: [a]}]}]}}}}",
                        invalid(nodeTerm + "[0].matchExpressions[0].operator", "\"Has\": not a valid selector operator")),
                pod("an In requirement needs values",
                        "spec: {affinity: {nodeAffinity: {requiredDuringSchedulingIgnoredDuringExecution: {nodeSelectorTerms: "
                                + "[{matchExpressions: [{key: zone, operator: In}]}]}}}}",
                        required(nodeTerm + "[0].matchExpressions[0].values", "must be specified when `operator` is 'In' or 'NotIn'")),
                pod("a preferred term weighs 1 to 100",
                        "spec: {affinity: {nodeAffinity: {preferredDuringSchedulingIgnoredDuringExecution: "
                                + "[{weight: 0, preference: {matchExpressions: [{key: zone, operator: Exists}]}}]}}}",
                        invalid("spec.affinity.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].weight",
                                "0: must be in the range 1-100")),
                pod("a pod anti-affinity term needs a topology key",
                        "spec: {affinity: {podAntiAffinity: {requiredDuringSchedulingIgnoredDuringExecution: "
                                + "[{labelSelector: {matchLabels: {app: web}}}]}}}",
                        required(antiTerm, "can not be empty"),
                        invalid(antiTerm, "\"\": name part must be non-empty"),
                        invalid(antiTerm, "\"\": " + LABEL_KEY_NAME)),
                pod("a spread constraint is valid with a skew, a key and an action",
                        "spec: {topologySpreadConstraints: [{maxSkew: 1, topologyKey: zone, whenUnsatisfiable: DoNotSchedule, "
                                + "labelSelector: {matchLabels: {app: web}}, matchLabelKeys: [pod-template-hash], minDomains: 2}]}"),
                pod("a spread constraint needs a positive skew, a key and a known action",
                        "spec: {topologySpreadConstraints: [{maxSkew: 0, whenUnsatisfiable: Maybe}]}",
                        invalid("spec.topologySpreadConstraints[0].maxSkew", "0: must be greater than zero"),
                        required("spec.topologySpreadConstraints[0].topologyKey", "can not be empty"),
                        notSupported("spec.topologySpreadConstraints[0].whenUnsatisfiable",
                                "\"Maybe\": supported values: \"DoNotSchedule\", \"ScheduleAnyway\"")),
                pod("one spread constraint per key and action",
                        "spec: {topologySpreadConstraints: [{maxSkew: 1, topologyKey: zone, whenUnsatisfiable: DoNotSchedule}, "
                                + "{maxSkew: 2, topologyKey: zone, whenUnsatisfiable: DoNotSchedule}]}",
                        duplicate("spec.topologySpreadConstraints[0].{topologyKey, whenUnsatisfiable}", "\"{zone, DoNotSchedule}\"")),
                pod("minDomains only with DoNotSchedule",
                        "spec: {topologySpreadConstraints: [{maxSkew: 1, topologyKey: zone, whenUnsatisfiable: ScheduleAnyway, minDomains: 0}]}",
                        invalid("spec.topologySpreadConstraints[0].minDomains", "0: must be greater than zero"),
                        invalid("spec.topologySpreadConstraints[0].minDomains",
                                "0: can only use minDomains if whenUnsatisfiable=DoNotSchedule, not ScheduleAnyway")),
                pod("matchLabelKeys need a selector that does not name them",
                        "spec: {topologySpreadConstraints: [{maxSkew: 1, topologyKey: zone, whenUnsatisfiable: DoNotSchedule, "
                                + "labelSelector: {matchLabels: {app: web}}, matchLabelKeys: [app], nodeTaintsPolicy: Always}]}",
                        notSupported("spec.topologySpreadConstraints[0].nodeTaintsPolicy",
                                "\"Always\": supported values: \"Honor\", \"Ignore\""),
                        invalid("spec.topologySpreadConstraints[0].matchLabelKeys[0]", "\"app\": exists in both matchLabelKeys and labelSelector")),
                pod("a deletion cost is a 32-bit integer",
                        "metadata: {annotations: {controller.kubernetes.io/pod-deletion-cost: high}}",
                        invalid("metadata.annotations[controller.kubernetes.io/pod-deletion-cost]", "\"high\": must be a 32bit integer")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource({"containers", "ports", "environment", "volumes", "resources", "probes", "scheduling"})
    void validatesPodsLikeKubernetes(Case c) {
        assertEquals(c.expected(), c.actual());
    }

    @Test
    void anUndefaultedPodMissesWhatTheDefaulterFillsIn() {
        Pod pod = (Pod) Manifests.decode("""
                apiVersion: v1
                kind: Pod
                metadata: {name: web, namespace: default}
                spec:
                  containers: [{name: web, image: 'tugboat/web:1.0'}]
                """);
        assertEquals(List.of(
                required("spec.terminationGracePeriodSeconds"),
                required("spec.containers[0].terminationMessagePolicy"),
                required("spec.containers[0].imagePullPolicy"),
                required("spec.restartPolicy"),
                required("spec.dnsPolicy")), Validator.validate(pod));
    }
}
