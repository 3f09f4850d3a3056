package io.tugboat.kubelet.runtime;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * An in-memory {@link ContainerRuntime}: containers "run" the instant they start and keep running until told
 * otherwise ({@link #exit}, {@link #crash}, {@link #oomKill}) or stopped. Images are present unless
 * {@link #removeImage removed}; pulls succeed unless the image was {@link #failPulls marked} unpullable.
 * As with Docker, a container joined to another's namespaces ({@code container:<id>}) starts only while that one
 * runs; starts of an image can be made to fail ({@link #failStarts}).
 *
 * <p>It serves the kubelet's unit tests and the hollow nodes that simulate a thousand kubelets in one JVM, so
 * every operation is a few map lookups under one lock, and events are delivered synchronously to listeners
 * (outside the lock).
 */
public final class FakeRuntime implements ContainerRuntime {
    private final Clock clock;
    private final Map<String, ContainerInfo> containers = new LinkedHashMap<>();
    private final Map<String, String> output = new LinkedHashMap<>();
    private final Map<String, ContainerConfig> configs = new LinkedHashMap<>();
    private final Set<String> missingImages = new java.util.HashSet<>();
    private final Set<String> unpullable = new java.util.HashSet<>();
    private final Set<String> unstartable = new java.util.HashSet<>();
    private final List<Consumer<ContainerEvent>> listeners = new CopyOnWriteArrayList<>();
    private final AtomicLong ids = new AtomicLong();
    private volatile int execExitCode;
    private volatile boolean down;

    public FakeRuntime(Clock clock) {
        this.clock = clock;
    }

    public FakeRuntime() {
        this(Clock.systemUTC());
    }

    // ---- controls for tests ----

    /** The container exits on its own with {@code code}. */
    public void exit(String id, int code) {
        end(id, code, false);
    }

    /** The container crashes: exit code 1. */
    public void crash(String id) {
        end(id, 1, false);
    }

    /** The kernel kills the container for exceeding its memory limit. */
    public void oomKill(String id) {
        end(id, 137, true);
    }

    /** What every later {@link #exec} returns (0: success). */
    public void setExecExitCode(int code) {
        execExitCode = code;
    }

    /** The image is no longer present locally. */
    public synchronized void removeImage(String image) {
        missingImages.add(image);
    }

    /** Pulls of {@code image} fail. */
    public synchronized void failPulls(String image) {
        unpullable.add(image);
    }

    /** Starts of containers of {@code image} fail (as when the engine cannot set one up), until {@link #allowStarts}. */
    public synchronized void failStarts(String image) {
        unstartable.add(image);
    }

    /** Undoes {@link #failStarts}. */
    public synchronized void allowStarts(String image) {
        unstartable.remove(image);
    }

    /** Simulates an unreachable engine: every call fails until set back. */
    public void setDown(boolean down) {
        this.down = down;
    }

    /** Text the container has "written" to its output. */
    public synchronized void appendOutput(String id, String text) {
        output.merge(id, text, String::concat);
    }

    /** The configuration a container was created with (tests check env, mounts, limits). */
    public synchronized Optional<ContainerConfig> config(String id) {
        return Optional.ofNullable(configs.get(id));
    }

    /** Every container, in creation order. */
    public synchronized List<ContainerInfo> all() {
        return new ArrayList<>(containers.values());
    }

    // ---- ContainerRuntime ----

    @Override
    public String version() {
        checkUp();
        return "fake://1.0";
    }

    @Override
    public synchronized boolean hasImage(String image) {
        checkUp();
        return !missingImages.contains(image);
    }

    @Override
    public synchronized void pull(String image) {
        checkUp();
        if (unpullable.contains(image)) {
            throw new ContainerRuntimeException("pull access denied for " + image + ": repository does not exist");
        }
        missingImages.remove(image);
    }

    @Override
    public String create(ContainerConfig config) {
        checkUp();
        String id;
        synchronized (this) {
            if (missingImages.contains(config.image())) {
                throw new ContainerRuntimeException.NotFound("No such image: " + config.image());
            }
            for (ContainerInfo c : containers.values()) {
                if (c.name().equals(config.name())) {
                    throw new ContainerRuntimeException("Conflict. The container name \"/" + config.name() + "\" is already in use");
                }
            }
            long n = ids.incrementAndGet();
            id = String.format("%064x", n);
            // an address of its own on a network (Docker's default one, or a named one), none when joining another's
            String mode = config.networkMode();
            boolean ownNetwork = mode == null || !(mode.startsWith("container:") || mode.equals("host") || mode.equals("none"));
            String ip = ownNetwork ? "10.88." + (n / 250 % 250) + "." + (n % 250 + 2) : "";
            configs.put(id, config);
            containers.put(id, new ContainerInfo(id, config.name(), config.image(), "sha256:" + Integer.toHexString(config.image().hashCode()),
                    config.labels(), ContainerInfo.State.CREATED, 0, false, clock.instant(), null, null, ip));
        }
        notify(id, "create");
        return id;
    }

    @Override
    public void start(String id) {
        checkUp();
        synchronized (this) {
            ContainerInfo c = get(id);
            if (unstartable.contains(c.image())) {
                throw new ContainerRuntimeException("failed to start " + id + ": the fake runtime was told to fail starts of " + c.image());
            }
            // as Docker: joining the namespaces of a container that is not running fails
            ContainerConfig config = configs.get(id);
            for (String mode : config == null ? List.<String>of() : java.util.Arrays.asList(config.networkMode(), config.ipcMode())) {
                if (mode != null && mode.startsWith("container:")) {
                    ContainerInfo joined = containers.get(mode.substring("container:".length()));
                    if (joined == null || !joined.running()) {
                        throw new ContainerRuntimeException("cannot join network of a non running container: " + mode.substring(10));
                    }
                }
            }
            containers.put(id, new ContainerInfo(id, c.name(), c.image(), c.imageId(), c.labels(), ContainerInfo.State.RUNNING,
                    0, false, c.createdAt(), clock.instant(), null, c.ipAddress()));
        }
        notify(id, "start");
    }

    @Override
    public void stop(String id, Duration grace, String signal) {
        checkUp();
        synchronized (this) {
            if (!get(id).running()) {
                return;
            }
        }
        end(id, 137, false);
    }

    @Override
    public void remove(String id) {
        checkUp();
        synchronized (this) {
            if (containers.remove(id) == null) {
                return;
            }
            output.remove(id);
            configs.remove(id);
        }
        notify(id, "destroy");
    }

    @Override
    public synchronized List<ContainerInfo> list(Map<String, String> labels) {
        checkUp();
        return containers.values().stream().filter(c -> c.labels().entrySet().containsAll(labels.entrySet())).toList();
    }

    @Override
    public synchronized Optional<ContainerInfo> inspect(String id) {
        checkUp();
        return Optional.ofNullable(containers.get(id));
    }

    @Override
    public ExecResult exec(String id, List<String> command, Duration timeout) {
        checkUp();
        synchronized (this) {
            if (!get(id).running()) {
                throw new ContainerRuntimeException("container " + id + " is not running");
            }
        }
        return new ExecResult(execExitCode, "", false);
    }

    @Override
    public AutoCloseable logs(String id, LogOptions options, OutputStream out, Runnable onEnd) {
        String text;
        synchronized (this) {
            get(id);
            text = output.getOrDefault(id, "");
        }
        try {
            out.write(text.getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException ignored) {
            // the reader went away
        }
        onEnd.run();
        return () -> { };
    }

    @Override
    public AutoCloseable events(Consumer<ContainerEvent> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    @Override
    public void close() {
        listeners.clear();
    }

    private void end(String id, int code, boolean oom) {
        synchronized (this) {
            ContainerInfo c = get(id);
            containers.put(id, new ContainerInfo(id, c.name(), c.image(), c.imageId(), c.labels(), ContainerInfo.State.EXITED,
                    code, oom, c.createdAt(), c.startedAt(), clock.instant(), c.ipAddress()));
        }
        if (oom) {
            notify(id, "oom");
        }
        notify(id, "die");
    }

    private ContainerInfo get(String id) {
        ContainerInfo c = containers.get(id);
        if (c == null) {
            throw new ContainerRuntimeException.NotFound("No such container: " + id);
        }
        return c;
    }

    private void notify(String id, String action) {
        Map<String, String> labels;
        synchronized (this) {
            ContainerInfo c = containers.get(id);
            labels = c == null ? Map.of() : c.labels();
        }
        for (Consumer<ContainerEvent> l : listeners) {
            l.accept(new ContainerEvent(id, action, labels));
        }
    }

    private void checkUp() {
        if (down) {
            throw new ContainerRuntimeException("Cannot connect to the fake engine: it is down");
        }
    }
}
