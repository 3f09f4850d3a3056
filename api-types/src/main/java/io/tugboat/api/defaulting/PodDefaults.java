package io.tugboat.api.defaulting;

import io.tugboat.api.Quantity;
import io.tugboat.api.core.ConfigMapVolumeSource;
import io.tugboat.api.core.Container;
import io.tugboat.api.core.ContainerPort;
import io.tugboat.api.core.EmptyDirVolumeSource;
import io.tugboat.api.core.EnvVar;
import io.tugboat.api.core.EnvVarSource;
import io.tugboat.api.core.HTTPGetAction;
import io.tugboat.api.core.HostPathVolumeSource;
import io.tugboat.api.core.Lifecycle;
import io.tugboat.api.core.LifecycleHandler;
import io.tugboat.api.core.ObjectFieldSelector;
import io.tugboat.api.core.Pod;
import io.tugboat.api.core.PodSpec;
import io.tugboat.api.core.PodTemplateSpec;
import io.tugboat.api.core.Probe;
import io.tugboat.api.core.ResourceRequirements;
import io.tugboat.api.core.SecretVolumeSource;
import io.tugboat.api.core.Volume;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Defaults of pods and pod templates, from {@code pkg/apis/core/v1/defaults.go}.
 *
 * <p>Kubernetes splits them in two, and so do we: {@link #podSpec} applies wherever a pod spec appears
 * (Deployment templates included), while {@link #pod} adds the few defaults that only a real Pod gets —
 * {@code enableServiceLinks}, requests copied from limits, and host ports under {@code hostNetwork}. Kubernetes
 * keeps them out of templates on purpose: adding a default to a template changes its hash and would roll out every
 * Deployment in the cluster on upgrade.
 */
final class PodDefaults {

    private PodDefaults() {
    }

    static final String DEFAULT_SCHEDULER = "default-scheduler";
    static final long DEFAULT_TERMINATION_GRACE_PERIOD_SECONDS = 30;
    /** 0644: owner reads and writes, everyone else reads. */
    static final int DEFAULT_VOLUME_MODE = 0644;

    static Pod pod(Pod pod) {
        PodSpec spec = podSpec(pod.spec());
        if (spec == null) {
            return pod;
        }
        if (spec.enableServiceLinks() == null) {
            spec = spec.withEnableServiceLinks(true);
        }
        spec = spec.withContainers(map(spec.containers(), PodDefaults::requestsFromLimits))
                .withInitContainers(map(spec.initContainers(), PodDefaults::requestsFromLimits));
        if (Boolean.TRUE.equals(spec.hostNetwork())) {
            spec = spec.withContainers(map(spec.containers(), PodDefaults::hostPortsFromContainerPorts))
                    .withInitContainers(map(spec.initContainers(), PodDefaults::hostPortsFromContainerPorts));
        }
        return pod.withSpec(spec);
    }

    static PodTemplateSpec template(PodTemplateSpec template) {
        if (template == null) {
            return null;
        }
        return new PodTemplateSpec(template.metadata(), podSpec(template.spec()));
    }

    static PodSpec podSpec(PodSpec spec) {
        if (spec == null) {
            return null;
        }
        PodSpec s = spec;
        if (isBlank(s.dnsPolicy())) {
            s = s.withDnsPolicy("ClusterFirst");
        }
        if (isBlank(s.restartPolicy())) {
            s = s.withRestartPolicy("Always");
        }
        if (s.terminationGracePeriodSeconds() == null) {
            s = s.withTerminationGracePeriodSeconds(DEFAULT_TERMINATION_GRACE_PERIOD_SECONDS);
        }
        if (isBlank(s.schedulerName())) {
            s = s.withSchedulerName(DEFAULT_SCHEDULER);
        }
        return s.withVolumes(map(s.volumes(), PodDefaults::volume))
                .withContainers(map(s.containers(), PodDefaults::container))
                .withInitContainers(map(s.initContainers(), PodDefaults::container));
    }

    static Container container(Container c) {
        Container out = c;
        if (isBlank(out.imagePullPolicy())) {
            out = out.withImagePullPolicy(pullPolicyFor(out.image()));
        }
        if (isBlank(out.terminationMessagePath())) {
            out = out.withTerminationMessagePath("/dev/termination-log");
        }
        if (isBlank(out.terminationMessagePolicy())) {
            out = out.withTerminationMessagePolicy("File");
        }
        return out.withPorts(map(out.ports(), PodDefaults::port))
                .withEnv(map(out.env(), PodDefaults::env))
                .withLivenessProbe(probe(out.livenessProbe()))
                .withReadinessProbe(probe(out.readinessProbe()))
                .withStartupProbe(probe(out.startupProbe()))
                .withLifecycle(lifecycle(out.lifecycle()));
    }

    /**
     * {@code Always} for a {@code :latest} image — or an image without tag and digest, which means latest — since
     * "latest" moves; {@code IfNotPresent} for a pinned tag or digest, which does not.
     */
    static String pullPolicyFor(String image) {
        if (image == null || image.isBlank()) {
            return "IfNotPresent";
        }
        String withoutDigest = image;
        boolean digest = false;
        int at = image.indexOf('@');
        if (at >= 0) {
            withoutDigest = image.substring(0, at);
            digest = true;
        }
        int slash = withoutDigest.lastIndexOf('/');
        int colon = withoutDigest.lastIndexOf(':');
        String tag = colon > slash ? withoutDigest.substring(colon + 1) : "";
        if (tag.isEmpty() && !digest) {
            tag = "latest";
        }
        return tag.equals("latest") ? "Always" : "IfNotPresent";
    }

    private static ContainerPort port(ContainerPort p) {
        if (!isBlank(p.protocol())) {
            return p;
        }
        return new ContainerPort(p.name(), p.hostPort(), p.containerPort(), "TCP", p.hostIP());
    }

    private static EnvVar env(EnvVar ev) {
        EnvVarSource from = ev.valueFrom();
        if (from == null || from.fieldRef() == null || !isBlank(from.fieldRef().apiVersion())) {
            return ev;
        }
        ObjectFieldSelector fieldRef = new ObjectFieldSelector("v1", from.fieldRef().fieldPath());
        return new EnvVar(ev.name(), ev.value(),
                new EnvVarSource(fieldRef, from.resourceFieldRef(), from.configMapKeyRef(), from.secretKeyRef()));
    }

    /**
     * A probe that checks once a second and times out rarely would flood a node; these are the numbers every
     * Kubernetes user has seen. Go stores them as plain integers, so an explicit 0 is defaulted too.
     */
    static Probe probe(Probe p) {
        if (p == null) {
            return null;
        }
        return new Probe(p.exec(), httpGet(p.httpGet()), p.tcpSocket(), p.initialDelaySeconds(),
                orDefault(p.timeoutSeconds(), 1), orDefault(p.periodSeconds(), 10),
                orDefault(p.successThreshold(), 1), orDefault(p.failureThreshold(), 3),
                p.terminationGracePeriodSeconds());
    }

    private static Lifecycle lifecycle(Lifecycle l) {
        if (l == null) {
            return null;
        }
        return new Lifecycle(handler(l.postStart()), handler(l.preStop()));
    }

    private static LifecycleHandler handler(LifecycleHandler h) {
        return h == null ? null : new LifecycleHandler(h.exec(), httpGet(h.httpGet()), h.tcpSocket());
    }

    private static HTTPGetAction httpGet(HTTPGetAction h) {
        if (h == null) {
            return null;
        }
        return new HTTPGetAction(isBlank(h.path()) ? "/" : h.path(), h.port(), h.host(),
                isBlank(h.scheme()) ? "HTTP" : h.scheme(), h.httpHeaders());
    }

    /** A volume without a source is an emptyDir; secret and configMap files are 0644 unless told otherwise. */
    static Volume volume(Volume v) {
        EmptyDirVolumeSource emptyDir = v.emptyDir();
        if (v.hostPath() == null && v.emptyDir() == null && v.secret() == null && v.persistentVolumeClaim() == null
                && v.configMap() == null) {
            emptyDir = new EmptyDirVolumeSource(null, null);
        }
        HostPathVolumeSource hostPath = v.hostPath();
        if (hostPath != null && hostPath.type() == null) {
            hostPath = new HostPathVolumeSource(hostPath.path(), "");
        }
        SecretVolumeSource secret = v.secret();
        if (secret != null && secret.defaultMode() == null) {
            secret = new SecretVolumeSource(secret.secretName(), secret.items(), DEFAULT_VOLUME_MODE, secret.optional());
        }
        ConfigMapVolumeSource configMap = v.configMap();
        if (configMap != null && configMap.defaultMode() == null) {
            configMap = new ConfigMapVolumeSource(configMap.name(), configMap.items(), DEFAULT_VOLUME_MODE, configMap.optional());
        }
        return new Volume(v.name(), hostPath, emptyDir, secret, v.persistentVolumeClaim(), configMap);
    }

    /** A container that only states limits gets the same requests: it is scheduled for what it may use. */
    private static Container requestsFromLimits(Container c) {
        ResourceRequirements r = c.resources();
        if (r == null || r.limits() == null || r.limits().isEmpty()) {
            return c;
        }
        Map<String, Quantity> requests = r.requests() == null ? new LinkedHashMap<>() : new LinkedHashMap<>(r.requests());
        boolean changed = false;
        for (Map.Entry<String, Quantity> e : r.limits().entrySet()) {
            if (!requests.containsKey(e.getKey())) {
                requests.put(e.getKey(), e.getValue());
                changed = true;
            }
        }
        return changed ? c.withResources(new ResourceRequirements(r.limits(), requests)) : c;
    }

    /** On the host's network a container port is a host port; say so. */
    private static Container hostPortsFromContainerPorts(Container c) {
        return c.withPorts(map(c.ports(), p -> p.hostPort() == null || p.hostPort() == 0
                ? new ContainerPort(p.name(), p.containerPort(), p.containerPort(), p.protocol(), p.hostIP())
                : p));
    }

    static <T> List<T> map(List<T> list, UnaryOperator<T> f) {
        return list == null ? null : list.stream().map(x -> x == null ? null : f.apply(x)).toList();
    }

    private static Integer orDefault(Integer value, int defaultValue) {
        return value == null || value == 0 ? defaultValue : value;
    }

    static boolean isBlank(String s) {
        return s == null || s.isEmpty();
    }
}
