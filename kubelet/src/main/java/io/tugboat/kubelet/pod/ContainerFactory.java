package io.tugboat.kubelet.pod;

import io.tugboat.api.Quantity;
import io.tugboat.api.core.ConfigMap;
import io.tugboat.api.core.Container;
import io.tugboat.api.core.ContainerPort;
import io.tugboat.api.core.EnvFromSource;
import io.tugboat.api.core.EnvVar;
import io.tugboat.api.core.Pod;
import io.tugboat.api.core.Secret;
import io.tugboat.api.core.VolumeMount;
import io.tugboat.kubelet.dns.PodResolvConfWriter;
import io.tugboat.kubelet.network.SandboxNetwork;
import io.tugboat.kubelet.runtime.ContainerConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Translates a pod's spec into {@link ContainerConfig}s: the sandbox that owns the pod's network (and publishes
 * its host ports), and each container joined to it with its command, environment, mounts and resource limits.
 */
public final class ContainerFactory {
    private static final Pattern VAR_REF = Pattern.compile("\\$\\(([A-Za-z_][A-Za-z0-9_.-]*)\\)");

    private final String node;
    private final String infraImage;
    private final PodResources resources;
    private final SandboxNetwork network;
    private final PodResolvConfWriter resolvConfs;

    /** Sandboxes on Docker's default bridge. */
    public ContainerFactory(String node, String infraImage, PodResources resources) {
        this(node, infraImage, resources, SandboxNetwork.DOCKER_DEFAULT);
    }

    /** @param network where sandboxes of pods without {@code hostNetwork} attach (the node's pod network) */
    public ContainerFactory(String node, String infraImage, PodResources resources, SandboxNetwork network) {
        this(node, infraImage, resources, network, null);
    }

    /** @param resolvConfs writes each pod's {@code /etc/resolv.conf}; null: leave it to Docker */
    public ContainerFactory(String node, String infraImage, PodResources resources, SandboxNetwork network,
                            PodResolvConfWriter resolvConfs) {
        this.node = node;
        this.infraImage = infraImage;
        this.resources = resources;
        this.network = network;
        this.resolvConfs = resolvConfs;
    }

    public String infraImage() {
        return infraImage;
    }

    /**
     * The sandbox: sleeps forever, owns the network and IPC namespaces, publishes every container's hostPorts.
     *
     * @throws ContainerConfigException {@code NetworkNotReady} while the pod network does not exist yet
     */
    public ContainerConfig sandbox(Pod pod, int attempt) throws ContainerConfigException {
        List<ContainerConfig.PortBinding> ports = new ArrayList<>();
        for (Container c : pod.spec().containers() == null ? List.<Container>of() : pod.spec().containers()) {
            for (ContainerPort p : c.ports() == null ? List.<ContainerPort>of() : c.ports()) {
                if (p.hostPort() != null && p.hostPort() > 0) {
                    ports.add(new ContainerConfig.PortBinding(p.hostIP(), p.hostPort(),
                            p.containerPort(), p.protocol() == null ? "TCP" : p.protocol()));
                }
            }
        }
        boolean hostNetwork = Boolean.TRUE.equals(pod.spec().hostNetwork());
        String networkMode = hostNetwork ? "host" : network.sandboxNetworkMode().orElseThrow(() -> new ContainerConfigException(
                "NetworkNotReady", "network is not ready: the node's pod network does not exist yet (waiting for spec.podCIDR)"));
        String hostname = pod.spec().hostname() != null ? pod.spec().hostname() : pod.metadata().name();
        return ContainerConfig.of(ContainerLabels.containerName(pod, ContainerLabels.SANDBOX, attempt), infraImage,
                        ContainerLabels.of(node, pod, ContainerLabels.SANDBOX, attempt))
                .withNamespaces(networkMode, "shareable",
                        hostNetwork ? null : hostname.length() > 63 ? hostname.substring(0, 63) : hostname)
                .withPorts(hostNetwork ? List.of() : ports);
    }

    /**
     * One of the pod's containers, joined to {@code sandboxId}.
     *
     * @param volumes volume name → host path, from {@link VolumeManager#prepare}
     * @param podIP   the sandbox's address, for {@code status.podIP} references
     * @throws ContainerConfigException if a referenced ConfigMap, Secret or key is missing
     */
    public ContainerConfig container(Pod pod, Container spec, int attempt, String sandboxId, Map<String, Path> volumes,
                                     String podIP, String hostIP) throws Exception {
        Map<String, String> env = environment(pod, spec, podIP, hostIP);
        List<String> binds = new ArrayList<>();
        for (VolumeMount m : spec.volumeMounts() == null ? List.<VolumeMount>of() : spec.volumeMounts()) {
            Path host = volumes.get(m.name());
            if (host == null) {
                throw new ContainerConfigException("CreateContainerConfigError", "volume \"" + m.name() + "\" is not defined");
            }
            if (m.subPath() != null && !m.subPath().isEmpty()) {
                host = host.resolve(m.subPath());
                java.nio.file.Files.createDirectories(host);
            }
            binds.add(host + ":" + m.mountPath() + (Boolean.TRUE.equals(m.readOnly()) ? ":ro" : ""));
        }
        if (resolvConfs != null) {
            binds.add(resolvConfs.write(pod) + ":/etc/resolv.conf"); // the pod's DNS settings (dnsPolicy, dnsConfig)
        }
        Map<String, String> labels = new LinkedHashMap<>(ContainerLabels.of(node, pod, spec.name(), attempt));
        labels.put(ContainerLabels.SANDBOX_ID, sandboxId);
        return ContainerConfig.of(ContainerLabels.containerName(pod, spec.name(), attempt), spec.image(), labels)
                .withCommand(expand(spec.command(), env), expand(spec.args(), env))
                .withWorkingDir(spec.workingDir())
                .withEnv(env.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList())
                .withNamespaces(Boolean.TRUE.equals(pod.spec().hostNetwork()) ? "host" : "container:" + sandboxId,
                        "container:" + sandboxId, null)
                .withBinds(binds)
                .withResources(memoryLimit(spec), nanoCpus(spec), cpuShares(spec))
                .withStdio(new ContainerConfig.Stdio(Boolean.TRUE.equals(spec.stdin()),
                        Boolean.TRUE.equals(spec.stdinOnce()), Boolean.TRUE.equals(spec.tty())));
    }

    /** True if the container's environment refers to the pod's IP, which exists only once its sandbox runs. */
    public static boolean needsPodIP(Container spec) {
        return spec.env() != null && spec.env().stream().anyMatch(v -> v.valueFrom() != null && v.valueFrom().fieldRef() != null
                && v.valueFrom().fieldRef().fieldPath() != null && v.valueFrom().fieldRef().fieldPath().startsWith("status.podIP"));
    }

    /** The container's environment: {@code envFrom} first, then {@code env} (which wins), references resolved. */
    Map<String, String> environment(Pod pod, Container spec, String podIP, String hostIP) throws Exception {
        String ns = pod.metadata().namespace();
        Map<String, String> env = new LinkedHashMap<>();
        for (EnvFromSource from : spec.envFrom() == null ? List.<EnvFromSource>of() : spec.envFrom()) {
            String prefix = from.prefix() == null ? "" : from.prefix();
            if (from.configMapRef() != null) {
                Optional<ConfigMap> cm = resources.configMap(ns, from.configMapRef().name());
                if (cm.isEmpty() && !Boolean.TRUE.equals(from.configMapRef().optional())) {
                    throw new ContainerConfigException("CreateContainerConfigError", "configmap \"" + from.configMapRef().name() + "\" not found");
                }
                cm.map(ConfigMap::data).orElse(Map.of()).forEach((k, v) -> env.put(prefix + k, v));
            }
            if (from.secretRef() != null) {
                Optional<Secret> s = resources.secret(ns, from.secretRef().name());
                if (s.isEmpty() && !Boolean.TRUE.equals(from.secretRef().optional())) {
                    throw new ContainerConfigException("CreateContainerConfigError", "secret \"" + from.secretRef().name() + "\" not found");
                }
                s.map(Secret::data).orElse(Map.of()).forEach((k, v) -> env.put(prefix + k, decode(v)));
            }
        }
        for (EnvVar var : spec.env() == null ? List.<EnvVar>of() : spec.env()) {
            if (var.valueFrom() == null) {
                env.put(var.name(), expand(var.value() == null ? "" : var.value(), env));
                continue;
            }
            var from = var.valueFrom();
            if (from.fieldRef() != null) {
                env.put(var.name(), field(pod, from.fieldRef().fieldPath(), podIP, hostIP));
            } else if (from.configMapKeyRef() != null) {
                var ref = from.configMapKeyRef();
                Optional<String> value = resources.configMap(ns, ref.name()).map(ConfigMap::data).map(d -> d.get(ref.key()));
                if (value.isEmpty() && !Boolean.TRUE.equals(ref.optional())) {
                    throw new ContainerConfigException("CreateContainerConfigError",
                            "couldn't find key " + ref.key() + " in ConfigMap " + ns + "/" + ref.name());
                }
                value.ifPresent(v -> env.put(var.name(), v));
            } else if (from.secretKeyRef() != null) {
                var ref = from.secretKeyRef();
                Optional<String> value = resources.secret(ns, ref.name()).map(Secret::data).map(d -> d.get(ref.key()));
                if (value.isEmpty() && !Boolean.TRUE.equals(ref.optional())) {
                    throw new ContainerConfigException("CreateContainerConfigError",
                            "couldn't find key " + ref.key() + " in Secret " + ns + "/" + ref.name());
                }
                value.ifPresent(v -> env.put(var.name(), decode(v)));
            }
        }
        return env;
    }

    private static String field(Pod pod, String path, String podIP, String hostIP) throws ContainerConfigException {
        switch (path) {
            case "metadata.name": return pod.metadata().name();
            case "metadata.namespace": return pod.metadata().namespace();
            case "metadata.uid": return pod.metadata().uid();
            case "spec.nodeName": return pod.spec().nodeName();
            case "spec.serviceAccountName": return pod.spec().serviceAccountName() == null ? "" : pod.spec().serviceAccountName();
            case "status.podIP": return podIP == null ? "" : podIP;
            case "status.hostIP": return hostIP == null ? "" : hostIP;
            default: break;
        }
        Matcher m = Pattern.compile("metadata\\.(labels|annotations)\\['(.*)'\\]").matcher(path);
        if (m.matches()) {
            Map<String, String> map = m.group(1).equals("labels") ? pod.metadata().labels() : pod.metadata().annotations();
            return map == null ? "" : map.getOrDefault(m.group(2), "");
        }
        throw new ContainerConfigException("CreateContainerConfigError", "unsupported fieldPath: " + path);
    }

    /** Kubernetes' {@code $(VAR)} expansion in command, args and env values; unknown references stay as written. */
    static String expand(String text, Map<String, String> env) {
        Matcher m = VAR_REF.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(env.getOrDefault(m.group(1), m.group())));
        }
        m.appendTail(out);
        return out.toString().replace("$$", "$");
    }

    private static List<String> expand(List<String> list, Map<String, String> env) {
        return list == null ? List.of() : list.stream().map(s -> expand(s, env)).toList();
    }

    private static String decode(String base64) {
        return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
    }

    static long memoryLimit(Container c) {
        return quantity(c, true, "memory").map(Quantity::longValue).orElse(0L);
    }

    static long nanoCpus(Container c) {
        return quantity(c, true, "cpu").map(q -> q.milliValue() * 1_000_000L).orElse(0L);
    }

    /** Kubernetes' {@code MilliCPUToShares}: requests (or limits, when requests are absent), 1024 per CPU, at least 2. */
    static long cpuShares(Container c) {
        Optional<Quantity> cpu = quantity(c, false, "cpu").or(() -> quantity(c, true, "cpu"));
        return cpu.map(q -> Math.max(2, q.milliValue() * 1024 / 1000)).orElse(0L);
    }

    private static Optional<Quantity> quantity(Container c, boolean limits, String resource) {
        if (c.resources() == null) {
            return Optional.empty();
        }
        Map<String, Quantity> map = limits ? c.resources().limits() : c.resources().requests();
        return Optional.ofNullable(map == null ? null : map.get(resource));
    }
}
