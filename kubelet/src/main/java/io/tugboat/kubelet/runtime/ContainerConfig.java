package io.tugboat.kubelet.runtime;

import java.util.List;
import java.util.Map;

/**
 * Everything needed to create one container, already resolved from the pod spec: no references to API objects
 * remain (environment values are looked up, volumes are host paths).
 *
 * @param name        the container's name in the engine (unique per engine)
 * @param image       the image reference
 * @param entrypoint  replaces the image's entrypoint if not empty (a pod spec's {@code command})
 * @param cmd         replaces the image's cmd if not empty (a pod spec's {@code args})
 * @param workingDir  null: the image's
 * @param env         {@code NAME=value} entries
 * @param labels      the labels that identify the container to the kubelet later
 * @param networkMode {@code container:<id>} to join a sandbox; null: the engine's default network
 * @param ipcMode     {@code container:<id>} to share IPC with a sandbox; {@code shareable} for a sandbox
 * @param hostname    the sandbox's hostname (the pod's name); null for containers joining one
 * @param ports       ports published on the host (only a sandbox publishes: it owns the network)
 * @param binds       bind mounts {@code hostPath:containerPath[:ro]}
 * @param memoryBytes memory limit, 0: none
 * @param nanoCpus    CPU limit in billionths of a CPU, 0: none
 * @param cpuShares   relative CPU weight, 0: the engine's default
 * @param stdio       the container spec's {@code stdin}, {@code stdinOnce} and {@code tty}
 */
public record ContainerConfig(String name, String image, List<String> entrypoint, List<String> cmd, String workingDir,
                              List<String> env, Map<String, String> labels, String networkMode, String ipcMode,
                              String hostname, List<PortBinding> ports, List<String> binds, long memoryBytes,
                              long nanoCpus, long cpuShares, Stdio stdio) {
    public ContainerConfig {
        stdio = stdio == null ? Stdio.NONE : stdio;
        entrypoint = entrypoint == null ? List.of() : List.copyOf(entrypoint);
        cmd = cmd == null ? List.of() : List.copyOf(cmd);
        env = env == null ? List.of() : List.copyOf(env);
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        ports = ports == null ? List.of() : List.copyOf(ports);
        binds = binds == null ? List.of() : List.copyOf(binds);
    }

    /** A container of {@code image} with nothing else set; add the rest with the withers. */
    public static ContainerConfig of(String name, String image, Map<String, String> labels) {
        return new ContainerConfig(name, image, null, null, null, null, labels, null, null, null, null, null, 0, 0, 0, null);
    }

    public ContainerConfig withCommand(List<String> entrypoint, List<String> cmd) {
        return new ContainerConfig(name, image, entrypoint, cmd, workingDir, env, labels, networkMode, ipcMode, hostname, ports, binds, memoryBytes, nanoCpus, cpuShares, stdio);
    }

    public ContainerConfig withWorkingDir(String workingDir) {
        return new ContainerConfig(name, image, entrypoint, cmd, workingDir, env, labels, networkMode, ipcMode, hostname, ports, binds, memoryBytes, nanoCpus, cpuShares, stdio);
    }

    public ContainerConfig withEnv(List<String> env) {
        return new ContainerConfig(name, image, entrypoint, cmd, workingDir, env, labels, networkMode, ipcMode, hostname, ports, binds, memoryBytes, nanoCpus, cpuShares, stdio);
    }

    public ContainerConfig withNamespaces(String networkMode, String ipcMode, String hostname) {
        return new ContainerConfig(name, image, entrypoint, cmd, workingDir, env, labels, networkMode, ipcMode, hostname, ports, binds, memoryBytes, nanoCpus, cpuShares, stdio);
    }

    public ContainerConfig withPorts(List<PortBinding> ports) {
        return new ContainerConfig(name, image, entrypoint, cmd, workingDir, env, labels, networkMode, ipcMode, hostname, ports, binds, memoryBytes, nanoCpus, cpuShares, stdio);
    }

    public ContainerConfig withBinds(List<String> binds) {
        return new ContainerConfig(name, image, entrypoint, cmd, workingDir, env, labels, networkMode, ipcMode, hostname, ports, binds, memoryBytes, nanoCpus, cpuShares, stdio);
    }

    public ContainerConfig withResources(long memoryBytes, long nanoCpus, long cpuShares) {
        return new ContainerConfig(name, image, entrypoint, cmd, workingDir, env, labels, networkMode, ipcMode, hostname, ports, binds, memoryBytes, nanoCpus, cpuShares, stdio);
    }

    public ContainerConfig withStdio(Stdio stdio) {
        return new ContainerConfig(name, image, entrypoint, cmd, workingDir, env, labels, networkMode, ipcMode, hostname, ports, binds, memoryBytes, nanoCpus, cpuShares, stdio);
    }

    /**
     * The main process's stdin and terminal, as the container spec asks (Docker's {@code OpenStdin},
     * {@code StdinOnce}, {@code Tty}): what {@code kubectl attach -i/-t} talks to. With {@code openStdin} the
     * process keeps a stdin that attach can write to; with {@code stdinOnce} it sees end of file when the first
     * attached client closes it; with {@code tty} it runs on a terminal (output is then one raw stream).
     */
    public record Stdio(boolean openStdin, boolean stdinOnce, boolean tty) {
        /** No stdin, no terminal: Kubernetes' default. */
        public static final Stdio NONE = new Stdio(false, false, false);
    }

    /** A port published on the host: {@code hostIp:hostPort -> containerPort/protocol}. */
    public record PortBinding(String hostIp, int hostPort, int containerPort, String protocol) {
    }
}
