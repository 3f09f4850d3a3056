package io.tugboat.kubelet.streaming;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectExecResponse;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link ContainerStreams} on the Docker Engine: control calls (exec create, inspect, resize) through docker-java,
 * the stream itself on a {@link HijackedConnection} of its own per session, closed with the session — so a session
 * holds exactly one socket and no thread of its own (the caller's thread pumps).
 */
public final class DockerContainerStreams implements ContainerStreams, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DockerContainerStreams.class);

    private final String dockerHost;
    private final DockerClient control;

    /** @param dockerHost e.g. {@code unix:///var/run/docker.sock} */
    public DockerContainerStreams(String dockerHost) {
        this.dockerHost = dockerHost;
        DefaultDockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder().withDockerHost(dockerHost).build();
        this.control = DockerClientImpl.getInstance(config, new ZerodepDockerHttpClient.Builder()
                .dockerHost(config.getDockerHost()).maxConnections(20).connectionTimeout(Duration.ofSeconds(5)).build());
    }

    @Override
    public Session exec(String containerId, List<String> command, Options options) throws IOException {
        String execId;
        try {
            execId = control.execCreateCmd(containerId).withCmd(command.toArray(String[]::new))
                    .withAttachStdin(options.stdin()).withAttachStdout(options.stdout()).withAttachStderr(options.stderr())
                    .withTty(options.tty()).exec().getId();
        } catch (DockerException e) {
            throw new IOException(DockerErrors.message(e.getMessage()), e);
        }
        HijackedConnection connection = HijackedConnection.open(dockerHost, "/exec/" + execId + "/start",
                "{\"Detach\":false,\"Tty\":" + options.tty() + "}", options.tty());
        return new DockerSession(connection, options) {
            @Override
            public void resize(int width, int height) {
                ignoreFailure(() -> control.resizeExecCmd(execId).withSize(height, width).exec());
            }

            @Override
            Integer exitCode() {
                return execExitCode(execId);
            }
        };
    }

    /**
     * Attaches to the container's main process. How Docker frames the stream (raw, or multiplexed behind 8-byte
     * headers) follows whether the <em>container</em> was created with a TTY, not what the client asked for, so
     * that is read from the container; and stdin reaches the process only if it was created with
     * {@code OpenStdin} (the pod spec's {@code stdin: true}).
     */
    @Override
    public Session attach(String containerId, Options options) throws IOException {
        boolean containerTty;
        try {
            containerTty = Boolean.TRUE.equals(control.inspectContainerCmd(containerId).exec().getConfig().getTty());
        } catch (DockerException e) {
            throw new IOException(DockerErrors.message(e.getMessage()), e);
        }
        String query = "stream=1&stdin=" + bit(options.stdin()) + "&stdout=" + bit(options.stdout()) + "&stderr=" + bit(options.stderr());
        HijackedConnection connection = HijackedConnection.open(dockerHost, "/containers/" + containerId + "/attach?" + query,
                "", containerTty);
        return new DockerSession(connection, options) {
            @Override
            public void resize(int width, int height) {
                ignoreFailure(() -> control.resizeContainerCmd(containerId).withSize(height, width).exec());
            }

            @Override
            Integer exitCode() {
                return null;
            }
        };
    }

    private static String bit(boolean b) {
        return b ? "1" : "0";
    }

    /**
     * The exit code once Docker has noticed the process ended. The stream closes as the process exits, and the
     * exec's state can lag behind by a moment, so ask again (briefly) while it still says running.
     */
    private Integer execExitCode(String execId) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        try {
            while (true) {
                InspectExecResponse inspect = control.inspectExecCmd(execId).exec();
                if (!Boolean.TRUE.equals(inspect.isRunning()) || System.nanoTime() > deadline) {
                    Long code = inspect.getExitCodeLong();
                    return code == null ? null : code.intValue();
                }
                Thread.sleep(20);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (RuntimeException e) {
            log.debug("inspecting exec {} failed: {}", execId, e.toString());
            return null;
        }
    }

    private static void ignoreFailure(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            // a resize racing with the end of the process fails; nothing depends on it
            log.debug("resize failed: {}", e.toString());
        }
    }

    @Override
    public void close() throws IOException {
        control.close();
    }

    /** The stream half of a session; subclasses add what differs between exec and attach. */
    private abstract static class DockerSession implements Session {
        private final HijackedConnection connection;
        private final Options options;
        private final AtomicBoolean closed = new AtomicBoolean();

        DockerSession(HijackedConnection connection, Options options) {
            this.connection = connection;
            this.options = options;
        }

        abstract Integer exitCode();

        @Override
        public void stdin(byte[] data) throws IOException {
            if (options.stdin()) {
                connection.write(data);
            }
        }

        @Override
        public void closeStdin() throws IOException {
            connection.closeStdin();
        }

        @Override
        public Integer pump(Output out) throws IOException {
            try {
                for (HijackedConnection.Chunk chunk = connection.readFrame(); chunk != null; chunk = connection.readFrame()) {
                    if (chunk.stream() == 2) {
                        out.stderr(chunk.data());
                    } else {
                        out.stdout(chunk.data());
                    }
                }
            } catch (IOException e) {
                if (closed.get()) {
                    return null; // closed under us: the client went away
                }
                throw e;
            }
            return closed.get() ? null : exitCode();
        }

        @Override
        public void close() {
            if (closed.compareAndSet(false, true)) {
                connection.close();
            }
        }
    }
}
