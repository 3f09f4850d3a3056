package io.tugboat.kubelet.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tugboat.testsupport.Eventually;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The Docker runtime against the real engine: one container through its whole life. */
class DockerRuntimeIT {
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final DockerRuntime docker = new DockerRuntime("unix:///var/run/docker.sock");

    @AfterEach
    void removeContainers() {
        docker.list(Map.of("test.run", run)).forEach(c -> docker.remove(c.id()));
        docker.close();
    }

    @Test
    void aContainerIsCreatedStartedLoggedExecutedStoppedAndRemovedWithEventsOnTheWay() throws Exception {
        List<String> actions = new CopyOnWriteArrayList<>();
        try (AutoCloseable events = docker.events(e -> {
            if (run.equals(e.labels().get("test.run"))) {
                actions.add(e.action());
            }
        })) {
            assertTrue(docker.version().startsWith("docker://"));
            assertTrue(docker.hasImage("tugboat/busybox:1"));
            assertFalse(docker.hasImage("tugboat/nothing-here:1"));
            String id = docker.create(ContainerConfig.of("rt-" + run, "tugboat/busybox:1", Map.of("test.run", run))
                    .withCommand(List.of("sh", "-c"), List.of("echo hello; echo oops >&2; exec sleep 1000"))
                    .withResources(64L << 20, 500_000_000L, 512));
            docker.start(id);
            ContainerInfo running = docker.inspect(id).orElseThrow();
            assertTrue(running.running());
            assertFalse(running.ipAddress().isEmpty());
            assertEquals(1, docker.list(Map.of("test.run", run)).size());

            assertEquals(new ContainerRuntime.ExecResult(3, "", false), docker.exec(id, List.of("sh", "-c", "exit 3"), Duration.ofSeconds(30)));
            Eventually.until("both lines logged", Duration.ofSeconds(60), () -> {
                ByteArrayOutputStream out = new ByteArrayOutputStream();   // one per read: an unfinished read keeps writing
                CountDownLatch done = new CountDownLatch(1);
                docker.logs(id, new ContainerRuntime.LogOptions(false, null, false), out, done::countDown);
                try {
                    // stdout and stderr reach Docker's log driver through two pipes, so their order in the log
                    // is not the order the process wrote them in: compare the lines, not their order.
                    return done.await(30, TimeUnit.SECONDS)
                            && out.toString(StandardCharsets.UTF_8).lines().sorted().toList().equals(List.of("hello", "oops"));
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });

            CountDownLatch ended = new CountDownLatch(1);
            ByteArrayOutputStream followed = new ByteArrayOutputStream();
            AutoCloseable follow = docker.logs(id, new ContainerRuntime.LogOptions(true, 1, false), followed, ended::countDown);
            docker.stop(id, Duration.ofSeconds(1), null);
            assertTrue(ended.await(30, TimeUnit.SECONDS), "a followed log ends when the container stops");
            follow.close();
            ContainerInfo stopped = docker.inspect(id).orElseThrow();
            assertEquals(ContainerInfo.State.EXITED, stopped.state());
            assertEquals(137, stopped.exitCode(), "sleep ignores SIGTERM as PID 1, so it was killed");

            docker.remove(id);
            assertTrue(docker.inspect(id).isEmpty());
            Eventually.until("start, die and destroy events", Duration.ofSeconds(30),
                    () -> actions.containsAll(List.of("start", "die", "destroy")));
        }
    }
}
