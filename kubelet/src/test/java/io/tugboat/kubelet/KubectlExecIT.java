package io.tugboat.kubelet;

import static io.tugboat.kubelet.PodSpecs.container;
import static io.tugboat.kubelet.PodSpecs.pod;
import static io.tugboat.testsupport.Tmux.pane;
import static io.tugboat.testsupport.Tmux.tmux;
import static io.tugboat.testsupport.Tmux.typeUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tugboat.api.ResourceKinds;
import io.tugboat.api.core.Pod;
import io.tugboat.client.ResourceClient;
import io.tugboat.kubelet.pod.ContainerLabels;
import io.tugboat.kubelet.runtime.DockerRuntime;
import io.tugboat.kubelet.streaming.DockerContainerStreams;
import io.tugboat.testcluster.TestCluster;
import io.tugboat.testsupport.EtcdExtension;
import io.tugboat.testsupport.Eventually;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The real kubectl ({@code /usr/bin/kubectl}, v1.32) against the in-process API server and a kubelet on real
 * Docker: {@code exec} with exit codes and stdin, a TTY shell driven through tmux, {@code cp} both ways.
 */
class KubectlExecIT {
    @RegisterExtension
    static final EtcdExtension etcd = new EtcdExtension();

    static final String NODE = "kexec-" + UUID.randomUUID().toString().substring(0, 8);
    static TestCluster cluster;
    static DockerRuntime docker;
    static DockerContainerStreams streams;
    static Kubelet kubelet;
    static Path kubeconfig;
    static Path work;

    @BeforeAll
    static void start() throws Exception {
        cluster = TestCluster.start(etcd);
        ResourceClient<Pod> pods = cluster.client().resources(ResourceKinds.PODS).inNamespace("default");
        docker = new DockerRuntime("unix:///var/run/docker.sock");
        streams = new DockerContainerStreams("unix:///var/run/docker.sock");
        work = Files.createTempDirectory("kubectl-exec-it");
        kubeconfig = cluster.writeKubeconfig(work.resolve("kubeconfig"));
        kubelet = new Kubelet(KubeletConfig.defaults(NODE).withNetwork("127.0.0.1", 0).withRootDir(work.resolve("root")),
                cluster.client(), docker, streams).start();
        pods.create(pod("box", NODE, "Always", List.of(container("main", "tugboat/busybox:1", "exec sleep 100000"))));
        pods.create(pod("web", NODE, "Always", List.of(container("main", "tugboat/busybox:1",
                "mkdir -p /www && echo hello-through-port-forward > /www/index.html && exec httpd -f -p 8080 -h /www"))));
        for (String name : List.of("box", "web")) {
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

    record Result(int code, String out, String err) {
    }

    static Result kubectl(String stdin, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("kubectl", "--kubeconfig", kubeconfig.toString()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile(work, "out", ".txt");
        Path err = Files.createTempFile(work, "err", ".txt");
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        Process process = builder.start();
        if (stdin != null) {
            process.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        process.getOutputStream().close();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("kubectl " + String.join(" ", args) + " did not end; stderr: " + Files.readString(err));
        }
        return new Result(process.exitValue(), Files.readString(out), Files.readString(err));
    }

    @Test
    void kubectlExecReturnsOutputAndTheExitCode() throws Exception {
        Result ok = kubectl(null, "-v=9", "exec", "box", "--", "echo", "hello");
        System.out.println("kubectl -v=9 exec:\n" + ok.err());
        assertEquals(new Result(0, "hello\n", ""), new Result(ok.code(), ok.out(), ""), ok.err());
        Result three = kubectl(null, "exec", "box", "--", "sh", "-c", "echo out; echo err >&2; exit 3");
        assertEquals(3, three.code(), three.err());
        assertEquals("out\n", three.out());
        assertTrue(three.err().contains("err"), three.err());
    }

    @Test
    void kubectlExecDeliversStdin() throws Exception {
        Result cat = kubectl("hi\n", "exec", "-i", "box", "--", "cat");
        assertEquals(0, cat.code(), cat.err());
        assertEquals("hi\n", cat.out());
    }

    @Test
    void kubectlExecIntoAMissingContainerIsAClearError() throws Exception {
        Result missing = kubectl(null, "exec", "box", "-c", "nope", "--", "true");
        assertEquals(1, missing.code());
        assertTrue(missing.err().contains("container nope is not valid for pod box"), missing.err());
    }

    @Test
    void kubectlCpCopiesAFileInAndOut() throws Exception {
        Path local = work.resolve("in.txt");
        Files.writeString(local, "copied in\n");
        Result in = kubectl(null, "cp", local.toString(), "box:/tmp/in.txt");
        assertEquals(0, in.code(), in.err());
        assertEquals("copied in\n", kubectl(null, "exec", "box", "--", "cat", "/tmp/in.txt").out());
        kubectl(null, "exec", "box", "--", "sh", "-c", "echo from the pod > /tmp/out.txt");
        Path back = work.resolve("out.txt");
        Result out = kubectl(null, "cp", "box:/tmp/out.txt", back.toString());
        assertEquals(0, out.code(), out.err());
        assertEquals("from the pod\n", Files.readString(back));
    }

    /**
     * {@code kubectl port-forward pod/web LOCAL:8080}: kubectl first tries its SPDY-over-WebSocket tunnel, which
     * Tugboat refuses, then falls back to SPDY; the page is served for several sequential and two concurrent
     * connections.
     */
    @Test
    void kubectlPortForwardServesThePodsPage() throws Exception {
        int local;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
            local = free.getLocalPort();
        }
        Path out = work.resolve("port-forward.out");
        Process forward = new ProcessBuilder("kubectl", "--kubeconfig", kubeconfig.toString(), "-v=6", "port-forward", "pod/web",
                local + ":8080").redirectErrorStream(true).redirectOutput(out.toFile()).start();
        try {
            Eventually.until("kubectl is forwarding", Duration.ofSeconds(60),
                    () -> read(out).contains("Forwarding from 127.0.0.1:" + local) || !forward.isAlive());
            assertTrue(forward.isAlive(), read(out));
            java.net.http.HttpClient http = java.net.http.HttpClient.newBuilder().version(java.net.http.HttpClient.Version.HTTP_1_1).build();
            java.net.URI page = java.net.URI.create("http://127.0.0.1:" + local + "/");
            for (int i = 0; i < 5; i++) {
                java.net.http.HttpResponse<String> response;
                try {
                    response = http.send(java.net.http.HttpRequest.newBuilder(page)
                            .timeout(Duration.ofSeconds(30)).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
                } catch (IOException e) {
                    throw new AssertionError("request " + i + " failed: " + e + "; kubectl said: " + read(out), e);
                }
                assertEquals("hello-through-port-forward\n", response.body(), "request " + i + "; kubectl said: " + read(out));
            }
            var first = http.sendAsync(java.net.http.HttpRequest.newBuilder(page).timeout(Duration.ofSeconds(30)).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            var second = java.net.http.HttpClient.newBuilder().version(java.net.http.HttpClient.Version.HTTP_1_1).build()
                    .sendAsync(java.net.http.HttpRequest.newBuilder(page).timeout(Duration.ofSeconds(30)).build(),
                            java.net.http.HttpResponse.BodyHandlers.ofString());
            assertEquals("hello-through-port-forward\n", first.get(60, TimeUnit.SECONDS).body());
            assertEquals("hello-through-port-forward\n", second.get(60, TimeUnit.SECONDS).body());
        } finally {
            forward.destroy();
            if (!forward.waitFor(10, TimeUnit.SECONDS)) {
                forward.destroyForcibly();
            }
        }
    }

    /** A real terminal: tmux runs {@code kubectl exec -it box -- sh}, types into it, resizes it and exits. */
    @Test
    void anInteractiveTtyShellRunsResizesAndExitsCleanly() throws Exception {
        String session = "kexec" + UUID.randomUUID().toString().substring(0, 6);
        Path done = work.resolve(session + ".exit");
        String shell = "kubectl --kubeconfig " + kubeconfig + " exec -it box -- sh; echo $? > " + done;
        tmux("new-session", "-d", "-s", session, "-x", "100", "-y", "30", shell);
        try {
            Eventually.until("the shell prompt", Duration.ofSeconds(60), () -> pane(session).contains("#"));
            typeUntil(session, "stty size", "30 100");
            tmux("resize-window", "-t", session, "-x", "120", "-y", "40");
            // the resize travels (SIGWINCH, the client, the API server, the kubelet, Docker) while we type: ask again until it shows
            typeUntil(session, "stty size", "40 120");
            tmux("send-keys", "-t", session, "exit 5", "Enter");
            Eventually.until("kubectl ended", Duration.ofSeconds(30), () -> Files.exists(done) && !read(done).isBlank());
            assertEquals("5", read(done).strip());
        } finally {
            new ProcessBuilder("tmux", "kill-session", "-t", session).start().waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** {@code echo ... | kubectl attach -i}: the main process (cat, stdinOnce) gets the input, and its end. */
    @Test
    void kubectlAttachWithStdinFeedsTheMainProcess() throws Exception {
        ResourceClient<Pod> pods = cluster.client().resources(ResourceKinds.PODS).inNamespace("default");
        pods.create(stdioPod("reader", "cat", "stdin: true, stdinOnce: true"));
        Await.until("pod reader running", Duration.ofSeconds(90), () -> pods.get("reader"),
                p -> p.status() != null && "Running".equals(p.status().phase()));
        Result attached = kubectl("hi through kubectl attach\n", "attach", "-i", "reader");
        assertEquals(0, attached.code(), attached.toString());
        assertTrue(attached.out().contains("hi through kubectl attach"), attached.toString());
        Await.until("cat ended with its stdin", Duration.ofSeconds(60), () -> pods.get("reader"),
                p -> p.status() != null && "Succeeded".equals(p.status().phase()));
    }

    /** A real terminal: tmux runs {@code kubectl attach -it} to a pod whose main process is a shell on a TTY. */
    @Test
    void kubectlAttachWithATtyDrivesTheMainShell() throws Exception {
        ResourceClient<Pod> pods = cluster.client().resources(ResourceKinds.PODS).inNamespace("default");
        pods.create(stdioPod("term", "sh", "stdin: true, tty: true"));
        Await.until("pod term running", Duration.ofSeconds(90), () -> pods.get("term"),
                p -> p.status() != null && "Running".equals(p.status().phase()));
        String session = "kattach" + UUID.randomUUID().toString().substring(0, 6);
        Path done = work.resolve(session + ".exit");
        String shell = "kubectl --kubeconfig " + kubeconfig + " attach -it term; echo $? > " + done;
        tmux("new-session", "-d", "-s", session, "-x", "100", "-y", "30", shell);
        try {
            typeUntil(session, "stty size", "30 100");
            tmux("resize-window", "-t", session, "-x", "120", "-y", "40");
            typeUntil(session, "stty size", "40 120");
            tmux("send-keys", "-t", session, "exit 0", "Enter");
            Eventually.until("kubectl attach ended with the shell", Duration.ofSeconds(60),
                    () -> Files.exists(done) && !read(done).isBlank());
            assertEquals("0", read(done).strip());
        } finally {
            new ProcessBuilder("tmux", "kill-session", "-t", session).start().waitFor(10, TimeUnit.SECONDS);
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

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "";
        }
    }
}
