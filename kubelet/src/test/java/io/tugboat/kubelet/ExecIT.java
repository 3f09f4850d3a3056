package io.tugboat.kubelet;

import static io.tugboat.kubelet.PodSpecs.container;
import static io.tugboat.kubelet.PodSpecs.pod;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tugboat.api.ResourceKinds;
import io.tugboat.api.core.Pod;
import io.tugboat.client.ApiClient;
import io.tugboat.client.ResourceClient;
import io.tugboat.client.exec.RemoteCommand;
import io.tugboat.kubelet.pod.ContainerLabels;
import io.tugboat.kubelet.runtime.DockerRuntime;
import io.tugboat.kubelet.streaming.DockerContainerStreams;
import io.tugboat.testcluster.TestCluster;
import io.tugboat.testsupport.EtcdExtension;
import io.tugboat.testsupport.Eventually;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code exec} end to end: real etcd, the in-process API server, one in-process kubelet on the real Docker engine;
 * every session goes client → API server ({@code pods/x/exec}) → kubelet → Docker exec, as {@code kubectl exec}
 * does. The real kubectl's side is {@code KubectlExecIT}.
 */
class ExecIT {
    @RegisterExtension
    static final EtcdExtension etcd = new EtcdExtension();

    static final String NODE = "exec-" + UUID.randomUUID().toString().substring(0, 8);
    static TestCluster cluster;
    static DockerRuntime docker;
    static DockerContainerStreams streams;
    static Kubelet kubelet;
    static ApiClient client;
    static ResourceClient<Pod> pods;

    @BeforeAll
    static void startKubeletAndPod() throws Exception {
        cluster = TestCluster.start(etcd);
        client = cluster.client();
        pods = client.resources(ResourceKinds.PODS).inNamespace("default");
        docker = new DockerRuntime("unix:///var/run/docker.sock");
        streams = new DockerContainerStreams("unix:///var/run/docker.sock");
        Path root = Files.createTempDirectory("kubelet-exec-it");
        KubeletConfig config = KubeletConfig.defaults(NODE).withNetwork("127.0.0.1", 0).withRootDir(root);
        kubelet = new Kubelet(config, client, docker, streams).start();
        pods.create(pod("shell", NODE, "Always", List.of(container("main", "tugboat/busybox:1", "exec sleep 100000"))));
        pods.create(pod("ticker", NODE, "Always", List.of(container("main", "tugboat/busybox:1",
                "i=0; while true; do i=$((i+1)); echo tick $i; sleep 1; done"))));
        // main processes with a stdin attach can write to (stdin: true), one on a terminal (tty: true)
        pods.create(stdioPod("reader", "cat", "stdin: true, stdinOnce: true"));
        pods.create(stdioPod("term", "sh", "stdin: true, tty: true"));
        for (String name : List.of("shell", "ticker", "reader", "term")) {
            Await.until("pod " + name + " running", Duration.ofSeconds(90), () -> pods.get(name),
                    p -> p.status() != null && "Running".equals(p.status().phase()));
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (kubelet != null) {
            kubelet.close();
        }
        if (docker != null) {
            docker.list(ContainerLabels.ofNode(NODE)).forEach(c -> docker.remove(c.id()));
            docker.close();
        }
        if (streams != null) {
            streams.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    static Pod stdioPod(String name, String command, String stdio) throws Exception {
        return io.tugboat.api.Codec.fromYaml("""
                apiVersion: v1
                kind: Pod
                metadata: {name: %s, namespace: default}
                spec:
                  nodeName: %s
                  restartPolicy: Never
                  terminationGracePeriodSeconds: 1
                  containers:
                  - {name: main, image: "tugboat/busybox:1", command: [%s], %s}
                """.formatted(name, NODE, command, stdio), Pod.class).value();
    }

    @Test
    void attachWithStdinFeedsTheMainProcessAndStdinOnceEndsIt() throws Exception {
        List<Map.Entry<String, String>> query = List.of(Map.entry("container", "main"), Map.entry("stdin", "true"),
                Map.entry("stdout", "true"), Map.entry("stderr", "true"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (RemoteCommand session = RemoteCommand.open(client, "/api/v1/namespaces/default/pods/reader/attach", query, out,
                new ByteArrayOutputStream())) {
            byte[] line = "hello through attach\n".getBytes(StandardCharsets.UTF_8);
            session.stdin(line, line.length);
            Eventually.until("cat echoes the attached stdin", Duration.ofSeconds(60),
                    () -> out.toString(StandardCharsets.UTF_8).contains("hello through attach"));
            session.closeStdin(); // stdinOnce: the process reads end of file, cat exits, the attach ends
            session.awaitExit();
        }
        Await.until("reader's cat ended with its stdin", Duration.ofSeconds(60), () -> pods.get("reader"),
                p -> p.status() != null && "Succeeded".equals(p.status().phase()));
    }

    @Test
    void attachWithATtyDrivesTheMainShellAndTakesAResize() throws Exception {
        List<Map.Entry<String, String>> query = List.of(Map.entry("container", "main"), Map.entry("stdin", "true"),
                Map.entry("stdout", "true"), Map.entry("tty", "true"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (RemoteCommand session = RemoteCommand.open(client, "/api/v1/namespaces/default/pods/term/attach", query, out,
                out)) {
            session.resize(101, 33);
            // the resize is applied asynchronously: ask until the shell's terminal reports it
            Eventually.until("the main shell sees the attached terminal's size", Duration.ofSeconds(60), () -> {
                byte[] line = "stty size\n".getBytes(StandardCharsets.UTF_8);
                try {
                    session.stdin(line, line.length);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                return out.toString(StandardCharsets.UTF_8).contains("33 101");
            });
        }
        assertEquals("Running", pods.get("term").status().phase(), "detaching leaves the main process running");
    }

    /** What one exec produced. */
    record Run(String stdout, String stderr, RemoteCommand.Exit exit) {
    }

    static Run exec(String stdin, boolean tty, String... command) throws Exception {
        List<Map.Entry<String, String>> query = new ArrayList<>();
        for (String part : command) {
            query.add(Map.entry("command", part));
        }
        query.add(Map.entry("container", "main"));
        query.add(Map.entry("stdout", "true"));
        query.add(Map.entry("stderr", Boolean.toString(!tty)));
        if (stdin != null) {
            query.add(Map.entry("stdin", "true"));
        }
        if (tty) {
            query.add(Map.entry("tty", "true"));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (RemoteCommand session = RemoteCommand.open(client, "/api/v1/namespaces/default/pods/shell/exec", query, out, err)) {
            if (stdin != null) {
                byte[] bytes = stdin.getBytes(StandardCharsets.UTF_8);
                session.stdin(bytes, bytes.length);
                session.closeStdin();
            }
            RemoteCommand.Exit exit = session.awaitExit();
            return new Run(out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8), exit);
        }
    }

    @Test
    void execReturnsStdoutStderrAndTheExitCode() throws Exception {
        Run run = exec(null, false, "sh", "-c", "echo hello; echo oops >&2; exit 3");
        assertEquals("hello\n", run.stdout());
        assertEquals("oops\n", run.stderr());
        assertEquals(3, run.exit().code(), run.exit().toString());
        assertEquals(0, exec(null, false, "true").exit().code());
    }

    @Test
    void stdinIsDeliveredAndItsEndReachesTheProcess() throws Exception {
        Run run = exec("hi\nthere\n", false, "cat");
        assertEquals("hi\nthere\n", run.stdout());
        assertEquals(0, run.exit().code());
    }

    @Test
    void aTtySessionTakesTheResizeAndEndsCleanly() throws Exception {
        List<Map.Entry<String, String>> query = List.of(Map.entry("command", "sh"), Map.entry("stdin", "true"),
                Map.entry("stdout", "true"), Map.entry("tty", "true"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (RemoteCommand session = RemoteCommand.open(client, "/api/v1/namespaces/default/pods/shell/exec", query, out, out)) {
            session.resize(123, 45);
            byte[] line = "stty size; exit 4\n".getBytes(StandardCharsets.UTF_8);
            session.stdin(line, line.length);
            RemoteCommand.Exit exit = session.awaitExit();
            assertTrue(out.toString(StandardCharsets.UTF_8).contains("45 123"), out.toString(StandardCharsets.UTF_8));
            assertEquals(4, exit.code());
        }
    }

    @Test
    void attachStreamsTheMainProcessOutput() throws Exception {
        List<Map.Entry<String, String>> query = List.of(Map.entry("container", "main"), Map.entry("stdout", "true"),
                Map.entry("stderr", "true"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (RemoteCommand session = RemoteCommand.open(client, "/api/v1/namespaces/default/pods/ticker/attach", query, out,
                new ByteArrayOutputStream())) {
            // attach shows what the process prints from now on (not its past log): two fresh ticks prove the stream
            Eventually.until("two ticks through attach", Duration.ofSeconds(60),
                    () -> out.toString(StandardCharsets.UTF_8).split("tick").length > 2);
        }
    }

    @Test
    void execIntoAMissingContainerIsRefusedWithA400() {
        List<Map.Entry<String, String>> query = List.of(Map.entry("command", "true"), Map.entry("container", "nope"),
                Map.entry("stdout", "true"));
        RemoteCommand.RemoteCommandException e = assertThrows(RemoteCommand.RemoteCommandException.class, () -> RemoteCommand.open(
                client, "/api/v1/namespaces/default/pods/shell/exec", query, new ByteArrayOutputStream(), new ByteArrayOutputStream()));
        assertTrue(e.getMessage().contains("HTTP 400"), e.getMessage());
    }

    /**
     * 200 round trips through API server and kubelet, then the process's open file descriptors and the kubelet's
     * HTTP threads must come back to where they were after a warm-up (idle pooled threads and connections of the
     * test's own client aside, which is why a few of either are allowed for).
     */
    @Test
    void twoHundredExecsLeaveNoFileDescriptorsOrThreadsBehind() throws Exception {
        for (int i = 0; i < 10; i++) {
            assertEquals(0, exec(null, false, "true").exit().code());
        }
        int fdsBefore = openFds();
        int threadsBefore = kubeletThreads();
        for (int i = 0; i < 200; i++) {
            Run run = exec(null, false, "echo", Integer.toString(i));
            assertEquals(i + "\n", run.stdout());
        }
        int[] after = new int[2];
        Eventually.until("fds and kubelet threads back near the start (" + fdsBefore + " fds, " + threadsBefore + " threads)",
                Duration.ofSeconds(120), () -> {
                    after[0] = openFds();
                    after[1] = kubeletThreads();
                    return after[0] <= fdsBefore + 4 && after[1] <= threadsBefore + 2;
                });
        System.out.printf("exec leak check: fds %d -> %d, kubelet threads %d -> %d%n", fdsBefore, after[0], threadsBefore, after[1]);
    }

    static int openFds() {
        try (var list = Files.list(Path.of("/proc/self/fd"))) {
            return (int) list.count();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static int kubeletThreads() {
        return (int) Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith("kubelet-http")).count();
    }

}
