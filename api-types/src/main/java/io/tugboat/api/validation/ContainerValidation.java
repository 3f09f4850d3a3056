package io.tugboat.api.validation;

import io.tugboat.api.IntOrString;
import io.tugboat.api.core.ConfigMapKeySelector;
import io.tugboat.api.core.Container;
import io.tugboat.api.core.ContainerPort;
import io.tugboat.api.core.EnvFromSource;
import io.tugboat.api.core.EnvVar;
import io.tugboat.api.core.EnvVarSource;
import io.tugboat.api.core.HTTPGetAction;
import io.tugboat.api.core.HTTPHeader;
import io.tugboat.api.core.LifecycleHandler;
import io.tugboat.api.core.ObjectFieldSelector;
import io.tugboat.api.core.Probe;
import io.tugboat.api.core.ResourceFieldSelector;
import io.tugboat.api.core.SecretKeySelector;
import io.tugboat.api.core.TCPSocketAction;
import io.tugboat.api.core.VolumeMount;
import io.tugboat.api.core.ExecAction;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One container: name and image, ports, environment, mounts, pull policy, resources, probes and lifecycle
 * hooks. Mirrors {@code validateContainerCommon} and the helpers it calls in
 * {@code pkg/apis/core/validation/validation.go}.
 *
 * <p>Validation sees defaulted objects, as in Kubernetes: a field the defaulter always fills
 * ({@code imagePullPolicy}, {@code terminationMessagePolicy}, a port's {@code protocol}, a probe's thresholds) is
 * "Required" when absent, and an absent number that Kubernetes keeps as a plain (non-pointer) integer counts as 0.
 */
final class ContainerValidation {

    private ContainerValidation() {
    }

    private static final List<String> PROTOCOLS = List.of("SCTP", "TCP", "UDP");
    private static final List<String> PULL_POLICIES = List.of("Always", "IfNotPresent", "Never");
    private static final List<String> TERMINATION_MESSAGE_POLICIES = List.of("File", "FallbackToLogsOnError");
    private static final List<String> HTTP_SCHEMES = List.of("HTTP", "HTTPS");
    private static final List<String> MOUNT_PROPAGATIONS = List.of("Bidirectional", "HostToContainer", "None");
    private static final List<String> ENV_FIELD_PATHS = List.of("metadata.name", "metadata.namespace",
            "metadata.uid", "spec.nodeName", "spec.serviceAccountName", "status.hostIP", "status.hostIPs",
            "status.podIP", "status.podIPs");
    /** Every field label the v1 downward API knows; anything else fails conversion before the env check. */
    private static final Set<String> DOWNWARD_API_LABELS = Set.of("metadata.annotations", "metadata.labels",
            "metadata.name", "metadata.namespace", "metadata.uid", "spec.nodeName", "spec.restartPolicy",
            "spec.serviceAccountName", "spec.schedulerName", "status.phase", "status.hostIP", "status.hostIPs",
            "status.podIP", "status.podIPs");
    private static final Pattern SUBSCRIPTED = Pattern.compile("(metadata\\.(?:labels|annotations))\\['(.*)'\\]");
    private static final List<String> RESOURCE_FIELD_PATHS = List.of("limits.cpu", "limits.ephemeral-storage",
            "limits.memory", "requests.cpu", "requests.ephemeral-storage", "requests.memory");

    /** Rules shared by regular and init containers. */
    static List<FieldError> common(Container c, Set<String> volumes, FieldPath path) {
        List<FieldError> errs = new ArrayList<>();
        String name = MetaValidation.str(c.name());
        if (name.isEmpty()) {
            errs.add(FieldError.required(path.child("name"), ""));
        } else {
            for (String msg : Formats.dns1123Label(name)) {
                errs.add(FieldError.invalid(path.child("name"), name, msg));
            }
        }
        if (MetaValidation.str(c.image()).isEmpty()) {
            errs.add(FieldError.required(path.child("image"), ""));
        }
        String policy = MetaValidation.str(c.terminationMessagePolicy());
        if (policy.isEmpty()) {
            errs.add(FieldError.required(path.child("terminationMessagePolicy"), ""));
        } else if (!TERMINATION_MESSAGE_POLICIES.contains(policy)) {
            errs.add(FieldError.notSupported(path.child("terminationMessagePolicy"), policy, TERMINATION_MESSAGE_POLICIES));
        }
        errs.addAll(ports(c.ports(), path.child("ports")));
        errs.addAll(env(c.env(), path.child("env")));
        errs.addAll(envFrom(c.envFrom(), path.child("envFrom")));
        errs.addAll(volumeMounts(c.volumeMounts(), volumes, path.child("volumeMounts")));
        String pull = MetaValidation.str(c.imagePullPolicy());
        if (pull.isEmpty()) {
            errs.add(FieldError.required(path.child("imagePullPolicy"), ""));
        } else if (!PULL_POLICIES.contains(pull)) {
            errs.add(FieldError.notSupported(path.child("imagePullPolicy"), pull, PULL_POLICIES));
        }
        errs.addAll(ResourceValidation.containerResources(c.resources(), path.child("resources")));
        return errs;
    }

    static List<FieldError> ports(List<ContainerPort> ports, FieldPath path) {
        List<FieldError> errs = new ArrayList<>();
        Set<String> names = new HashSet<>();
        List<ContainerPort> list = MetaValidation.list(ports);
        for (int i = 0; i < list.size(); i++) {
            ContainerPort port = list.get(i);
            FieldPath idx = path.index(i);
            String name = MetaValidation.str(port.name());
            if (!name.isEmpty()) {
                List<String> msgs = Formats.portName(name);
                if (!msgs.isEmpty()) {
                    msgs.forEach(msg -> errs.add(FieldError.invalid(idx.child("name"), name, msg)));
                } else if (!names.add(name)) {
                    errs.add(FieldError.duplicate(idx.child("name"), name));
                }
            }
            int containerPort = intOrZero(port.containerPort());
            if (containerPort == 0) {
                errs.add(FieldError.required(idx.child("containerPort"), ""));
            } else {
                Formats.portNum(containerPort).forEach(msg -> errs.add(FieldError.invalid(idx.child("containerPort"), containerPort, msg)));
            }
            int hostPort = intOrZero(port.hostPort());
            if (hostPort != 0) {
                Formats.portNum(hostPort).forEach(msg -> errs.add(FieldError.invalid(idx.child("hostPort"), hostPort, msg)));
            }
            String protocol = MetaValidation.str(port.protocol());
            if (protocol.isEmpty()) {
                errs.add(FieldError.required(idx.child("protocol"), ""));
            } else if (!PROTOCOLS.contains(protocol)) {
                errs.add(FieldError.notSupported(idx.child("protocol"), protocol, PROTOCOLS));
            }
        }
        return errs;
    }

    static List<FieldError> env(List<EnvVar> vars, FieldPath path) {
        List<FieldError> errs = new ArrayList<>();
        List<EnvVar> list = MetaValidation.list(vars);
        for (int i = 0; i < list.size(); i++) {
            EnvVar ev = list.get(i);
            FieldPath idx = path.index(i);
            String name = MetaValidation.str(ev.name());
            if (name.isEmpty()) {
                errs.add(FieldError.required(idx.child("name"), ""));
            } else {
                Formats.envVarName(name).forEach(msg -> errs.add(FieldError.invalid(idx.child("name"), name, msg)));
            }
            errs.addAll(valueFrom(ev, idx.child("valueFrom")));
        }
        return errs;
    }

    private static List<FieldError> valueFrom(EnvVar ev, FieldPath path) {
        List<FieldError> errs = new ArrayList<>();
        EnvVarSource from = ev.valueFrom();
        if (from == null) {
            return errs;
        }
        int sources = 0;
        if (from.fieldRef() != null) {
            sources++;
            errs.addAll(fieldRef(from.fieldRef(), path.child("fieldRef")));
        }
        if (from.resourceFieldRef() != null) {
            sources++;
            errs.addAll(resourceFieldRef(from.resourceFieldRef(), path.child("resourceFieldRef")));
        }
        if (from.configMapKeyRef() != null) {
            sources++;
            ConfigMapKeySelector s = from.configMapKeyRef();
            errs.addAll(keySelector(s.name(), s.key(), path.child("configMapKeyRef")));
        }
        if (from.secretKeyRef() != null) {
            sources++;
            SecretKeySelector s = from.secretKeyRef();
            errs.addAll(keySelector(s.name(), s.key(), path.child("secretKeyRef")));
        }
        if (sources == 0) {
            errs.add(FieldError.invalid(path, "",
                    "must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`"));
        } else if (!MetaValidation.str(ev.value()).isEmpty()) {
            errs.add(FieldError.invalid(path, "", "may not be specified when `value` is not empty"));
        } else if (sources > 1) {
            errs.add(FieldError.invalid(path, "", "may not have more than one field specified at a time"));
        }
        return errs;
    }

    private static List<FieldError> fieldRef(ObjectFieldSelector fs, FieldPath path) {
        List<FieldError> errs = new ArrayList<>();
        String apiVersion = MetaValidation.str(fs.apiVersion());
        String fieldPath = MetaValidation.str(fs.fieldPath());
        if (apiVersion.isEmpty()) {
            errs.add(FieldError.required(path.child("apiVersion"), ""));
            return errs;
        }
        if (fieldPath.isEmpty()) {
            errs.add(FieldError.required(path.child("fieldPath"), ""));
            return errs;
        }
        if (!apiVersion.equals("v1")) {
            errs.add(FieldError.invalid(path.child("fieldPath"), fieldPath,
                    "error converting fieldPath: unsupported pod version: " + apiVersion));
            return errs;
        }
        Matcher subscripted = SUBSCRIPTED.matcher(fieldPath);
        if (subscripted.matches()) {
            String key = subscripted.group(2);
            String checked = subscripted.group(1).equals("metadata.annotations") ? key.toLowerCase(java.util.Locale.ROOT) : key;
            Formats.qualifiedName(checked).forEach(msg -> errs.add(FieldError.invalid(path, checked, msg)));
            return errs;
        }
        if (!DOWNWARD_API_LABELS.contains(fieldPath)) {
            errs.add(FieldError.invalid(path.child("fieldPath"), fieldPath,
                    "error converting fieldPath: field label not supported: " + fieldPath));
        } else if (!ENV_FIELD_PATHS.contains(fieldPath)) {
            errs.add(FieldError.notSupported(path.child("fieldPath"), fieldPath, ENV_FIELD_PATHS));
        }
        return errs;
    }

    private static List<FieldError> resourceFieldRef(ResourceFieldSelector fs, FieldPath path) {
        String resource = MetaValidation.str(fs.resource());
        if (resource.isEmpty()) {
            return List.of(FieldError.required(path.child("resource"), ""));
        }
        if (!RESOURCE_FIELD_PATHS.contains(resource)
                && !resource.startsWith("requests.hugepages-") && !resource.startsWith("limits.hugepages-")) {
            return List.of(FieldError.notSupported(path.child("resource"), resource, RESOURCE_FIELD_PATHS));
        }
        return List.of();
    }

    /** A {@code configMapKeyRef} or {@code secretKeyRef}: a valid object name and a valid key. */
    private static List<FieldError> keySelector(String name, String key, FieldPath path) {
        List<FieldError> errs = new ArrayList<>();
        String n = MetaValidation.str(name);
        Formats.SUBDOMAIN_NAME.check(n, false).forEach(msg -> errs.add(FieldError.invalid(path.child("name"), n, msg)));
        String k = MetaValidation.str(key);
        if (k.isEmpty()) {
            errs.add(FieldError.required(path.child("key"), ""));
        } else {
            Formats.configMapKey(k).forEach(msg -> errs.add(FieldError.invalid(path.child("key"), k, msg)));
        }
        return errs;
    }

    static List<FieldError> envFrom(List<EnvFromSource> sources, FieldPath path) {
        List<FieldError> errs = new ArrayList<>();
        List<EnvFromSource> list = MetaValidation.list(sources);
        for (int i = 0; i < list.size(); i++) {
            EnvFromSource ev = list.get(i);
            FieldPath idx = path.index(i);
            String prefix = MetaValidation.str(ev.prefix());
            if (!prefix.isEmpty()) {
                Formats.envVarName(prefix).forEach(msg -> errs.add(FieldError.invalid(idx.child("prefix"), prefix, msg)));
            }
            int count = 0;
            if (ev.configMapRef() != null) {
                count++;
                errs.addAll(refName(ev.configMapRef().name(), idx.child("configMapRef")));
            }
            if (ev.secretRef() != null) {
                count++;
                errs.addAll(refName(ev.secretRef().name(), idx.child("secretRef")));
            }
            // Kubernetes reports these two at envFrom itself, not at the entry.
            if (count == 0) {
                errs.add(FieldError.invalid(path, "", "must specify one of: `configMapRef` or `secretRef`"));
            } else if (count > 1) {
                errs.add(FieldError.invalid(path, "", "may not have more than one field specified at a time"));
            }
        }
        return errs;
    }

    private static List<FieldError> refName(String name, FieldPath path) {
        String n = MetaValidation.str(name);
        if (n.isEmpty()) {
            return List.of(FieldError.required(path.child("name"), ""));
        }
        List<FieldError> errs = new ArrayList<>();
        Formats.SUBDOMAIN_NAME.check(n, true).forEach(msg -> errs.add(FieldError.invalid(path.child("name"), n, msg)));
        return errs;
    }

    static List<FieldError> volumeMounts(List<VolumeMount> mounts, Set<String> volumes, FieldPath path) {
        List<FieldError> errs = new ArrayList<>();
        Set<String> mountPoints = new HashSet<>();
        List<VolumeMount> list = MetaValidation.list(mounts);
        for (int i = 0; i < list.size(); i++) {
            VolumeMount m = list.get(i);
            FieldPath idx = path.index(i);
            String name = MetaValidation.str(m.name());
            String mountPath = MetaValidation.str(m.mountPath());
            if (name.isEmpty()) {
                errs.add(FieldError.required(idx.child("name"), ""));
            }
            if (!volumes.contains(name)) {
                errs.add(FieldError.notFound(idx.child("name"), name));
            }
            if (mountPath.isEmpty()) {
                errs.add(FieldError.required(idx.child("mountPath"), ""));
            }
            if (!mountPoints.add(mountPath)) {
                errs.add(FieldError.invalid(idx.child("mountPath"), mountPath, "must be unique"));
            }
            String subPath = MetaValidation.str(m.subPath());
            if (!subPath.isEmpty()) {
                // Kubernetes reports sub path and propagation problems without the mount's index.
                errs.addAll(VolumeValidation.localDescendingPath(subPath, path.child("subPath")));
            }
            if (m.mountPropagation() != null) {
                FieldPath p = path.child("mountPropagation");
                if (!MOUNT_PROPAGATIONS.contains(m.mountPropagation())) {
                    errs.add(FieldError.notSupported(p, m.mountPropagation(), MOUNT_PROPAGATIONS));
                }
                // Tugboat does not model securityContext, so no container is privileged.
                if (m.mountPropagation().equals("Bidirectional")) {
                    errs.add(FieldError.forbidden(p, "Bidirectional mount propagation is available only to privileged containers"));
                }
            }
        }
        return errs;
    }

    static List<FieldError> livenessProbe(Probe probe, FieldPath path) {
        List<FieldError> errs = new ArrayList<>(probe(probe, path));
        if (probe != null && intOrZero(probe.successThreshold()) != 1) {
            errs.add(FieldError.invalid(path.child("successThreshold"), intOrZero(probe.successThreshold()), "must be 1"));
        }
        return errs;
    }

    static List<FieldError> readinessProbe(Probe probe, FieldPath path) {
        List<FieldError> errs = new ArrayList<>(probe(probe, path));
        if (probe != null && probe.terminationGracePeriodSeconds() != null) {
            errs.add(FieldError.invalid(path.child("terminationGracePeriodSeconds"), probe.terminationGracePeriodSeconds(),
                    "must not be set for readinessProbes"));
        }
        return errs;
    }

    static List<FieldError> startupProbe(Probe probe, FieldPath path) {
        return livenessProbe(probe, path);
    }

    private static List<FieldError> probe(Probe probe, FieldPath path) {
        List<FieldError> errs = new ArrayList<>();
        if (probe == null) {
            return errs;
        }
        errs.addAll(handler(probe.exec(), probe.httpGet(), probe.tcpSocket(), path));
        errs.addAll(MetaValidation.nonNegative(intOrZero(probe.initialDelaySeconds()), path.child("initialDelaySeconds")));
        errs.addAll(MetaValidation.nonNegative(intOrZero(probe.timeoutSeconds()), path.child("timeoutSeconds")));
        errs.addAll(MetaValidation.nonNegative(intOrZero(probe.periodSeconds()), path.child("periodSeconds")));
        errs.addAll(MetaValidation.nonNegative(intOrZero(probe.successThreshold()), path.child("successThreshold")));
        errs.addAll(MetaValidation.nonNegative(intOrZero(probe.failureThreshold()), path.child("failureThreshold")));
        Long grace = probe.terminationGracePeriodSeconds();
        if (grace != null && grace <= 0) {
            errs.add(FieldError.invalid(path.child("terminationGracePeriodSeconds"), grace, "must be greater than 0"));
        }
        return errs;
    }

    static List<FieldError> lifecycleHandler(LifecycleHandler handler, FieldPath path) {
        return handler(handler.exec(), handler.httpGet(), handler.tcpSocket(), path);
    }

    /** Exactly one way to probe or hook: exec, httpGet or tcpSocket. */
    private static List<FieldError> handler(ExecAction exec, HTTPGetAction httpGet, TCPSocketAction tcpSocket, FieldPath path) {
        List<FieldError> errs = new ArrayList<>();
        int handlers = 0;
        if (exec != null) {
            handlers++;
            if (MetaValidation.list(exec.command()).isEmpty()) {
                errs.add(FieldError.required(path.child("exec").child("command"), ""));
            }
        }
        if (httpGet != null) {
            if (handlers++ > 0) {
                errs.add(FieldError.forbidden(path.child("httpGet"), "may not specify more than 1 handler type"));
            } else {
                errs.addAll(httpGet(httpGet, path.child("httpGet")));
            }
        }
        if (tcpSocket != null) {
            if (handlers++ > 0) {
                errs.add(FieldError.forbidden(path.child("tcpSocket"), "may not specify more than 1 handler type"));
            } else {
                errs.addAll(portNumOrName(tcpSocket.port(), path.child("tcpSocket").child("port")));
            }
        }
        if (handlers == 0) {
            errs.add(FieldError.required(path, "must specify a handler type"));
        }
        return errs;
    }

    private static List<FieldError> httpGet(HTTPGetAction http, FieldPath path) {
        List<FieldError> errs = new ArrayList<>();
        if (MetaValidation.str(http.path()).isEmpty()) {
            errs.add(FieldError.required(path.child("path"), ""));
        }
        errs.addAll(portNumOrName(http.port(), path.child("port")));
        String scheme = MetaValidation.str(http.scheme());
        if (!HTTP_SCHEMES.contains(scheme)) {
            errs.add(FieldError.notSupported(path.child("scheme"), scheme, HTTP_SCHEMES));
        }
        for (HTTPHeader header : MetaValidation.list(http.httpHeaders())) {
            String name = MetaValidation.str(header.name());
            Formats.httpHeaderName(name).forEach(msg -> errs.add(FieldError.invalid(path.child("httpHeaders"), name, msg)));
        }
        return errs;
    }

    /** A port number 1-65535 or an IANA port name; an absent port is the number 0. */
    static List<FieldError> portNumOrName(IntOrString port, FieldPath path) {
        List<FieldError> errs = new ArrayList<>();
        if (port == null || port.isInt()) {
            int value = port == null ? 0 : port.intValue();
            Formats.portNum(value).forEach(msg -> errs.add(FieldError.invalid(path, value, msg)));
        } else {
            String name = port.strValue();
            Formats.portName(name).forEach(msg -> errs.add(FieldError.invalid(path, name, msg)));
        }
        return errs;
    }

    static int intOrZero(Integer value) {
        return value == null ? 0 : value;
    }
}
