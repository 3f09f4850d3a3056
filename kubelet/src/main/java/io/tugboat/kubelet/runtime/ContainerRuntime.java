package io.tugboat.kubelet.runtime;

import java.io.OutputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * What the kubelet needs from a container engine, and nothing more: the Docker Engine in production
 * ({@link DockerRuntime}), an in-memory engine in tests and hollow nodes ({@link FakeRuntime}).
 *
 * <p>The contract every implementation keeps:
 * <ul>
 *   <li><b>Labels are the only memory.</b> The kubelet keeps no state of its own that it could not rebuild from
 *       {@link #list(Map)}: everything it must remember about a container across a restart (pod uid, container
 *       name, attempt) is a label given at {@link #create}.</li>
 *   <li><b>Ids are stable.</b> A container keeps its id from {@link #create} to {@link #remove}.</li>
 *   <li><b>Failures are exceptions</b> ({@link RuntimeException} subclasses of {@link ContainerRuntimeException});
 *       a container or image that does not exist is {@link ContainerRuntimeException.NotFound}.</li>
 *   <li><b>Streams end.</b> Every {@link AutoCloseable} returned ({@link #logs}, {@link #events}) must be closed by
 *       the caller; closing frees its connection. Long-lived streams never share a connection with control calls,
 *       so a follow-logs stream cannot starve a {@code stop}.</li>
 *   <li><b>Thread-safe.</b> Pod workers, probes and the HTTP server call it concurrently.</li>
 * </ul>
 */
public interface ContainerRuntime extends AutoCloseable {

    /** The engine's name and version, e.g. {@code docker://20.10.24}; fails if the engine is unreachable. */
    String version();

    /** True if {@code image} is present locally. */
    boolean hasImage(String image);

    /** Pulls {@code image}; fails (with the engine's message) if it cannot. */
    void pull(String image);

    /** Creates (does not start) a container; returns its id. */
    String create(ContainerConfig config);

    /** Starts a created container. */
    void start(String id);

    /**
     * Stops a running container: the container's stop signal (or {@code signal} if not null), then SIGKILL after
     * {@code grace}. Returns when it has exited. A container that is not running is left as is.
     */
    void stop(String id, Duration grace, String signal);

    /** Removes a container, stopping it first with SIGKILL if needed; a missing container is not an error. */
    void remove(String id);

    /** Every container (running or not) carrying all the given labels. */
    List<ContainerInfo> list(Map<String, String> labels);

    /** The container's current state, empty if it does not exist. */
    Optional<ContainerInfo> inspect(String id);

    /** Runs {@code command} inside a running container; waits at most {@code timeout}. */
    ExecResult exec(String id, List<String> command, Duration timeout);

    /**
     * Copies the container's output (stdout and stderr interleaved) into {@code out}, on a thread of its own. With
     * {@code options.follow()} the copy continues while the container runs. {@code onEnd} runs once when the copy
     * ends (the log is finished, the stream was closed, or writing to {@code out} failed). Close the returned handle
     * to stop early.
     */
    AutoCloseable logs(String id, LogOptions options, OutputStream out, Runnable onEnd);

    /** Delivers every container event (start, die, oom, destroy, ...) to {@code listener} until closed. */
    AutoCloseable events(Consumer<ContainerEvent> listener);

    @Override
    void close();

    /** The result of {@link #exec}: the exit code (-1 on a timeout) and the combined output. */
    record ExecResult(int exitCode, String output, boolean timedOut) {
    }

    /** Options of {@link #logs}: follow, the last lines only (null: all), timestamps on each line. */
    record LogOptions(boolean follow, Integer tailLines, boolean timestamps) {
    }

    /** A container event: its id, what happened ({@code start}, {@code die}, {@code oom}...) and its labels. */
    record ContainerEvent(String id, String action, Map<String, String> labels) {
    }
}
