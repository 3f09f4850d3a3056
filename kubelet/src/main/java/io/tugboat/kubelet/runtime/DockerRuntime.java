package io.tugboat.kubelet.runtime;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.exception.NotModifiedException;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.ContainerNetwork;
import com.github.dockerjava.api.model.Event;
import com.github.dockerjava.api.model.EventType;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.InternetProtocol;
import com.github.dockerjava.api.model.Network;
import com.github.dockerjava.api.model.Ports;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link ContainerRuntime} on the Docker Engine API through docker-java.
 *
 * <p>Connections: control calls (create, start, stop, inspect, exec...) share one client with a pool of
 * connections. Every long-lived stream — the event stream, each {@code logs --follow} — gets a client (and so a
 * connection) of its own, closed with the stream: a hundred {@code kubectl logs -f} cannot exhaust the pool that
 * pod workers need to stop a container.
 *
 * <p>Inspecting an exited container always gives the same answer until it is removed, so those answers are cached;
 * a pod worker's relist then costs one {@code GET /containers/json} plus one inspect per running container.
 */
public final class DockerRuntime implements ContainerRuntime, NetworkRuntime {
    private static final Logger log = LoggerFactory.getLogger(DockerRuntime.class);
    private static final Instant NEVER = Instant.parse("0001-01-01T00:00:00Z");

    private final String dockerHost;
    private final DockerClient control;
    private final Map<String, ContainerInfo> exited = new ConcurrentHashMap<>();

    /** @param dockerHost e.g. {@code unix:///var/run/docker.sock} */
    public DockerRuntime(String dockerHost) {
        this.dockerHost = dockerHost;
        this.control = client(50);
    }

    private DockerClient client(int maxConnections) {
        DefaultDockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder()
                .withDockerHost(dockerHost).build();
        ZerodepDockerHttpClient http = new ZerodepDockerHttpClient.Builder()
                .dockerHost(config.getDockerHost())
                .maxConnections(maxConnections)
                .connectionTimeout(Duration.ofSeconds(5))
                .build();
        return DockerClientImpl.getInstance(config, http);
    }

    @Override
    public String version() {
        return "docker://" + call(() -> control.versionCmd().exec().getVersion());
    }

    @Override
    public boolean hasImage(String image) {
        try {
            control.inspectImageCmd(image).exec();
            return true;
        } catch (NotFoundException e) {
            return false;
        }
    }

    @Override
    public void pull(String image) {
        int slash = image.lastIndexOf('/');
        int colon = image.lastIndexOf(':');
        boolean tagged = colon > slash;
        String repository = tagged ? image.substring(0, colon) : image;
        String tag = tagged ? image.substring(colon + 1) : "latest";
        try {
            if (!control.pullImageCmd(repository).withTag(tag).start().awaitCompletion(5, TimeUnit.MINUTES)) {
                throw new ContainerRuntimeException("pulling " + image + " took more than 5 minutes");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ContainerRuntimeException("interrupted while pulling " + image, e);
        } catch (ContainerRuntimeException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new ContainerRuntimeException(e.getMessage() == null ? e.toString() : e.getMessage().strip(), e);
        }
    }

    @Override
    public String create(ContainerConfig c) {
        return call(() -> {
            HostConfig host = HostConfig.newHostConfig();
            if (c.networkMode() != null) {
                host.withNetworkMode(c.networkMode());
            }
            if (c.ipcMode() != null) {
                host.withIpcMode(c.ipcMode());
            }
            List<ExposedPort> exposed = new ArrayList<>();
            Ports bindings = new Ports();
            for (ContainerConfig.PortBinding p : c.ports()) {
                ExposedPort port = new ExposedPort(p.containerPort(), InternetProtocol.parse(p.protocol().toLowerCase()));
                exposed.add(port);
                bindings.bind(port, Ports.Binding.bindIpAndPort(p.hostIp() == null ? "0.0.0.0" : p.hostIp(), p.hostPort()));
            }
            host.withPortBindings(bindings);
            host.withBinds(c.binds().stream().map(Bind::parse).toList());
            if (c.memoryBytes() > 0) {
                host.withMemory(c.memoryBytes()).withMemorySwap(c.memoryBytes());
            }
            if (c.nanoCpus() > 0) {
                host.withNanoCPUs(c.nanoCpus());
            }
            if (c.cpuShares() > 0) {
                host.withCpuShares((int) c.cpuShares());
            }
            CreateContainerCmd cmd = control.createContainerCmd(c.image()).withName(c.name()).withLabels(c.labels())
                    .withEnv(c.env()).withExposedPorts(exposed).withHostConfig(host);
            if (!c.entrypoint().isEmpty()) {
                cmd.withEntrypoint(c.entrypoint());
            }
            if (!c.cmd().isEmpty()) {
                cmd.withCmd(c.cmd());
            }
            if (c.workingDir() != null && !c.workingDir().isEmpty()) {
                cmd.withWorkingDir(c.workingDir());
            }
            if (c.hostname() != null) {
                cmd.withHostName(c.hostname());
            }
            if (c.stdio().openStdin() || c.stdio().tty()) {
                // as Kubernetes' dockershim: OpenStdin keeps the process's stdin open for attach
                cmd.withStdinOpen(c.stdio().openStdin()).withStdInOnce(c.stdio().stdinOnce()).withTty(c.stdio().tty());
            }
            return cmd.exec().getId();
        });
    }

    @Override
    public void start(String id) {
        call(() -> {
            try {
                control.startContainerCmd(id).exec();
            } catch (NotModifiedException alreadyRunning) {
                // starting a running container changes nothing
            }
            return null;
        });
    }

    @Override
    public void stop(String id, Duration grace, String signal) {
        int seconds = (int) Math.max(0, Math.min(Integer.MAX_VALUE, (grace.toMillis() + 999) / 1000));
        call(() -> {
            try {
                if (signal == null) {
                    control.stopContainerCmd(id).withTimeout(seconds).exec();
                } else {
                    control.killContainerCmd(id).withSignal(signal).exec();
                    Integer code = control.waitContainerCmd(id).start().awaitStatusCode(seconds, TimeUnit.SECONDS);
                    if (code == null) {
                        control.killContainerCmd(id).exec();
                    }
                }
            } catch (NotModifiedException notRunning) {
                // a container that is not running is already stopped
            } catch (RuntimeException e) {
                if (inspect(id).map(ContainerInfo::running).orElse(false)) {
                    throw e;
                }
            }
            return null;
        });
    }

    @Override
    public void remove(String id) {
        exited.remove(id);
        try {
            control.removeContainerCmd(id).withForce(true).withRemoveVolumes(true).exec();
        } catch (NotFoundException gone) {
            // already removed
        } catch (RuntimeException e) {
            if (e.getMessage() != null && e.getMessage().contains("already in progress")) {
                return;
            }
            throw new ContainerRuntimeException("removing " + id + ": " + e.getMessage(), e);
        } finally {
            exited.remove(id);
        }
    }

    @Override
    public List<ContainerInfo> list(Map<String, String> labels) {
        List<com.github.dockerjava.api.model.Container> found =
                call(() -> control.listContainersCmd().withShowAll(true).withLabelFilter(labels).exec());
        List<ContainerInfo> result = new ArrayList<>();
        for (com.github.dockerjava.api.model.Container c : found) {
            try {
                inspect(c.getId()).ifPresent(result::add);
            } catch (ContainerRuntimeException e) {
                // removed between the list and the inspect: it is gone
                log.debug("container {} vanished while listing: {}", c.getId(), e.getMessage());
            }
        }
        return result;
    }

    @Override
    public Optional<ContainerInfo> inspect(String id) {
        ContainerInfo cached = exited.get(id);
        if (cached != null) {
            return Optional.of(cached);
        }
        InspectContainerResponse r;
        try {
            r = control.inspectContainerCmd(id).exec();
        } catch (NotFoundException e) {
            return Optional.empty();
        } catch (RuntimeException e) {
            throw new ContainerRuntimeException("inspecting " + id + ": " + e.getMessage(), e);
        }
        InspectContainerResponse.ContainerState s = r.getState();
        String status = s.getStatus() == null ? "created" : s.getStatus();
        ContainerInfo.State state = switch (status) {
            case "running", "paused", "restarting" -> ContainerInfo.State.RUNNING;
            case "created" -> ContainerInfo.State.CREATED;
            default -> ContainerInfo.State.EXITED;
        };
        Instant finishedAt = time(s.getFinishedAt());
        if (state == ContainerInfo.State.CREATED && s.getExitCodeLong() != null && s.getExitCodeLong() != 0) {
            // a start that failed (no such executable...) leaves a "created" container with an exit code: it ran and died
            state = ContainerInfo.State.EXITED;
            finishedAt = finishedAt != null ? finishedAt : time(r.getCreated());
        }
        String ip = ipAddress(r.getNetworkSettings());
        ContainerInfo info = new ContainerInfo(r.getId(), r.getName() == null ? "" : r.getName().replaceFirst("^/", ""),
                r.getConfig().getImage(), r.getImageId(), r.getConfig().getLabels(), state,
                s.getExitCodeLong() == null ? 0 : s.getExitCodeLong().intValue(), Boolean.TRUE.equals(s.getOOMKilled()),
                time(r.getCreated()), time(s.getStartedAt()), finishedAt, ip);
        if (state == ContainerInfo.State.EXITED) {
            exited.put(id, info);
        }
        return Optional.of(info);
    }

    @Override
    public ExecResult exec(String id, List<String> command, Duration timeout) {
        String execId = call(() -> control.execCreateCmd(id).withCmd(command.toArray(String[]::new))
                .withAttachStdout(true).withAttachStderr(true).exec().getId());
        StringBuilder output = new StringBuilder();
        ResultCallback.Adapter<Frame> callback = new ResultCallback.Adapter<>() {
            @Override
            public void onNext(Frame frame) {
                synchronized (output) {
                    if (output.length() < 10_000) {
                        output.append(new String(frame.getPayload(), java.nio.charset.StandardCharsets.UTF_8));
                    }
                }
            }
        };
        try (callback) {
            control.execStartCmd(execId).exec(callback);
            if (!callback.awaitCompletion(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                synchronized (output) {
                    return new ExecResult(-1, output.toString(), true);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ContainerRuntimeException("interrupted during exec", e);
        } catch (IOException e) {
            throw new ContainerRuntimeException("exec stream: " + e.getMessage(), e);
        }
        Long code = call(() -> control.inspectExecCmd(execId).exec().getExitCodeLong());
        synchronized (output) {
            return new ExecResult(code == null ? -1 : code.intValue(), output.toString(), false);
        }
    }

    @Override
    public AutoCloseable logs(String id, LogOptions options, OutputStream out, Runnable onEnd) {
        DockerClient own = client(1);
        AtomicBoolean ended = new AtomicBoolean();
        ResultCallback.Adapter<Frame> callback = new ResultCallback.Adapter<>() {
            @Override
            public void onNext(Frame frame) {
                try {
                    out.write(frame.getPayload());
                    out.flush();
                } catch (IOException e) {
                    closeQuietly(this);
                }
            }

            @Override
            public void onError(Throwable t) {
                super.onError(t);
                end();
            }

            @Override
            public void onComplete() {
                super.onComplete();
                end();
            }

            private void end() {
                if (ended.compareAndSet(false, true)) {
                    closeQuietly(own);
                    onEnd.run();
                }
            }
        };
        var cmd = own.logContainerCmd(id).withStdOut(true).withStdErr(true)
                .withFollowStream(options.follow()).withTimestamps(options.timestamps());
        if (options.tailLines() != null) {
            cmd.withTail(options.tailLines());
        } else {
            cmd.withTailAll();
        }
        try {
            cmd.exec(callback);
        } catch (RuntimeException e) {
            closeQuietly(own);
            throw translate(e);
        }
        return () -> {
            closeQuietly(callback);
            if (ended.compareAndSet(false, true)) {
                closeQuietly(own);
                onEnd.run();
            }
        };
    }

    @Override
    public AutoCloseable events(Consumer<ContainerEvent> listener) {
        AtomicBoolean closed = new AtomicBoolean();
        // Resume from the last event's second after a reconnect (events of that second may repeat: listeners only
        // ever use them as hints), and include everything from the moment of this call on the first connection.
        java.util.concurrent.atomic.AtomicLong since = new java.util.concurrent.atomic.AtomicLong(Instant.now().getEpochSecond());
        Thread thread = new Thread(() -> {
            while (!closed.get()) {
                try (DockerClient own = client(1)) {
                    ResultCallback.Adapter<Event> callback = new ResultCallback.Adapter<>() {
                        @Override
                        public void onNext(Event e) {
                            Map<String, String> attributes = e.getActor() == null || e.getActor().getAttributes() == null
                                    ? Map.of() : e.getActor().getAttributes();
                            String action = e.getAction() != null ? e.getAction() : e.getStatus();
                            if (e.getTime() != null) {
                                since.set(e.getTime());
                            }
                            listener.accept(new ContainerEvent(e.getId(), action == null ? "" : action, attributes));
                        }
                    };
                    own.eventsCmd().withEventTypeFilter(EventType.CONTAINER)
                            .withSince(Long.toString(since.get())).exec(callback);
                    while (!closed.get() && !callback.awaitCompletion(200, TimeUnit.MILLISECONDS)) {
                        // wait until closed or the stream ends (the engine restarted)
                    }
                    callback.close();
                } catch (InterruptedException e) {
                    return;
                } catch (Exception e) {
                    log.warn("docker event stream failed, reconnecting", e);
                }
                if (!closed.get()) {
                    try {
                        Thread.sleep(1000);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }
        }, "docker-events");
        thread.setDaemon(true);
        thread.start();
        return () -> {
            closed.set(true);
            thread.interrupt();
            thread.join(5000);
        };
    }

    /**
     * A container's address: on the default bridge Docker reports it at the top of the network settings, on any
     * other network (a node's pod bridge) only under that network's entry.
     */
    private static String ipAddress(com.github.dockerjava.api.model.NetworkSettings settings) {
        if (settings == null) {
            return "";
        }
        if (settings.getIpAddress() != null && !settings.getIpAddress().isEmpty()) {
            return settings.getIpAddress();
        }
        if (settings.getNetworks() == null) {
            return "";
        }
        return settings.getNetworks().values().stream().map(ContainerNetwork::getIpAddress)
                .filter(a -> a != null && !a.isEmpty()).findFirst().orElse("");
    }

    @Override
    public Optional<NetworkInfo> inspectNetwork(String name) {
        try {
            return Optional.of(networkInfo(control.inspectNetworkCmd().withNetworkId(name).exec()));
        } catch (NotFoundException e) {
            return Optional.empty();
        } catch (RuntimeException e) {
            throw translate(e);
        }
    }

    @Override
    public List<NetworkInfo> listNetworks(Map<String, String> labels) {
        List<String> filter = labels.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList();
        return call(() -> control.listNetworksCmd().withFilter("label", filter).exec()).stream()
                .map(n -> inspectNetwork(n.getId())).flatMap(Optional::stream).toList();
    }

    @Override
    public String createNetwork(NetworkConfig c) {
        return call(() -> control.createNetworkCmd().withName(c.name()).withDriver("bridge").withCheckDuplicate(true)
                .withIpam(new Network.Ipam().withConfig(new Network.Ipam.Config().withSubnet(c.subnet()).withGateway(c.gateway())))
                .withOptions(c.options()).withLabels(c.labels()).exec().getId());
    }

    @Override
    public void removeNetwork(String name) {
        try {
            control.removeNetworkCmd(name).exec();
        } catch (NotFoundException gone) {
            // already removed
        } catch (RuntimeException e) {
            throw translate(e);
        }
    }

    private static NetworkInfo networkInfo(Network n) {
        String subnet = "";
        String gateway = "";
        if (n.getIpam() != null && n.getIpam().getConfig() != null) {
            for (Network.Ipam.Config config : n.getIpam().getConfig()) {
                if (config.getSubnet() != null && config.getSubnet().indexOf(':') < 0) {
                    subnet = config.getSubnet();
                    gateway = nullToEmpty(config.getGateway());
                    break;
                }
            }
        }
        return new NetworkInfo(n.getId(), n.getName(), nullToEmpty(n.getDriver()), subnet, gateway, n.getOptions(),
                n.getLabels(), n.getContainers() == null ? 0 : n.getContainers().size());
    }

    @Override
    public void close() {
        closeQuietly(control);
    }

    private static <T> T call(java.util.function.Supplier<T> call) {
        try {
            return call.get();
        } catch (RuntimeException e) {
            throw translate(e);
        }
    }

    private static ContainerRuntimeException translate(RuntimeException e) {
        if (e instanceof ContainerRuntimeException cre) {
            return cre;
        }
        String message = e.getMessage() == null ? e.toString() : e.getMessage().strip();
        if (e instanceof NotFoundException) {
            return new ContainerRuntimeException.NotFound(message);
        }
        return new ContainerRuntimeException(message, e);
    }

    private static Instant time(String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        try {
            Instant t = Instant.parse(text);
            return t.equals(NEVER) ? null : t;
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception ignored) {
            // closing is best effort
        }
    }
}
