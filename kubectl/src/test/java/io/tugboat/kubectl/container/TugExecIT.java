package io.tugboat.kubectl.container;

import static io.tugboat.testsupport.Tmux.pane;
import static io.tugboat.testsupport.Tmux.tmux;
import static io.tugboat.testsupport.Tmux.typeUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tugboat.api.ResourceKinds;
import io.tugboat.api.core.Pod;
import io.tugboat.client.ResourceClient;
import io.tugboat.kubectl.CommandRunner;
import io.tugboat.kubelet.Kubelet;
import io.tugboat.kubelet.KubeletConfig;
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
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code tug exec} against the in-process API server and a kubelet on real Docker: output, exit codes, stdin, a
 * clear error for a container that does not exist, and a TTY shell in tmux that follows a resize.
 */
class TugExecIT {
    @RegisterExtension
    static final EtcdExtension etcd = new EtcdExtension();

    static final String NODE = "tugexec-" + UUID.randomUUID().toString().substring(0, 8);
    static TestCluster cluster;
    static DockerRuntime docker;
    static DockerContainerStreams streams;
    static Kubelet kubelet;
    static CommandRunner run;
    static Path work;
    static Path kubeconfig;

    @BeforeAll
    static void start() throws Exception {
        cluster = TestCluster.start(etcd);
        work = Files.createTempDirectory("tug-exec-it");
        kubeconfig = cluster.writeKubeconfig(work.resolve("kubeconfig"));
        run = new CommandRunner(kubeconfig, work.resolve("cache"));
        docker = new DockerRuntime("unix:///var/run/docker.sock");
        streams = new DockerContainerStreams("unix:///var/run/docker.sock");
        kubelet = new Kubelet(KubeletConfig.defaults(NODE).withNetwork("127.0.0.1", 0).withRootDir(work.resolve("root")),
                cluster.client(), docker, streams).start();
        CommandRunner.Result applied = run.tugWithInput("""
                apiVersion: v1
                kind: Pod
                metadata: {name: box}
                spec:
                  nodeName: %s
                  containers:
                  - {name: main, image: tugboat/busybox:1, command: [sh, -c, exec sleep 100000]}
                """.formatted(NODE), "apply", "-f", "-");
        assertEquals(0, applied.code(), applied.toString());
        ResourceClient<Pod> pods = cluster.client().resources(ResourceKinds.PODS).inNamespace("default");
        Eventually.until("pod box running", Duration.ofSeconds(90), () -> {
            try {
                Pod p = pods.get("box");
                return p.status() != null && "Running".equals(p.status().phase());
            } catch (Exception e) {
                return false;
            }
        });
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

    @Test
    void execPrintsTheOutputAndReturnsTheRemoteExitCode() {
        CommandRunner.Result hello = run.tug("exec", "box", "--", "echo", "hello");
        assertEquals(0, hello.code(), hello.toString());
        assertEquals("hello\n", hello.out());
        CommandRunner.Result three = run.tug("exec", "box", "--", "sh", "-c", "echo out; echo err >&2; exit 3");
        assertEquals(3, three.code(), three.toString());
        assertEquals("out\n", three.out());
        assertEquals("err\ncommand terminated with exit code 3\n", three.err());
    }

    @Test
    void execWithStdinDeliversItAndItsEnd() {
        CommandRunner.Result cat = run.tugWithInput("hi\nthere\n", "exec", "-i", "box", "--", "cat");
        assertEquals(0, cat.code(), cat.toString());
        assertEquals("hi\nthere\n", cat.out());
    }

    @Test
    void execIntoAMissingContainerOrPodIsAClearError() {
        CommandRunner.Result container = run.tug("exec", "box", "-c", "nope", "--", "true");
        assertEquals(1, container.code(), container.toString());
        assertTrue(container.err().contains("container nope is not valid for pod box"), container.toString());
        CommandRunner.Result pod = run.tug("exec", "nobox", "--", "true");
        assertEquals(1, pod.code(), pod.toString());
        assertTrue(pod.err().contains("pods \"nobox\" not found"), pod.toString());
    }

    @Test
    void aTtyWithoutATerminalFallsBackToPlainStreams() {
        CommandRunner.Result result = run.tug("exec", "-t", "box", "--", "echo", "plain");
        assertEquals(0, result.code(), result.toString());
        assertEquals("plain\n", result.out());
        assertTrue(result.err().contains("Unable to use a TTY"), result.toString());
    }

    @Test
    void cpCopiesAFileInAndOut() throws Exception {
        Path local = work.resolve("cp-in.txt");
        Files.writeString(local, "copied in by tug\n");
        CommandRunner.Result in = run.tug("cp", local.toString(), "box:/tmp/cp-in.txt");
        assertEquals(0, in.code(), in.toString());
        assertEquals("copied in by tug\n", run.tug("exec", "box", "--", "cat", "/tmp/cp-in.txt").out());
        assertEquals(0, run.tug("exec", "box", "--", "sh", "-c", "echo from the pod > /tmp/cp-out.txt").code());
        Path back = work.resolve("cp-out.txt");
        CommandRunner.Result out = run.tug("cp", "box:/tmp/cp-out.txt", back.toString());
        assertEquals(0, out.code(), out.toString());
        assertEquals("from the pod\n", Files.readString(back));
        CommandRunner.Result missing = run.tug("cp", "box:/tmp/does-not-exist", back.toString());
        assertEquals(1, missing.code(), missing.toString());
    }

    /** Directories both ways, as kubectl cp copies them: the directory becomes the destination. */
    @Test
    void cpCopiesADirectoryInAndOut() throws Exception {
        Path tree = Files.createDirectories(work.resolve("tree"));
        Files.writeString(tree.resolve("a.txt"), "file a\n");
        String deep = "a-directory-with-a-rather-long-name-to-need-more-than-one-hundred-bytes-of-tar-name/and-deeper";
        Files.createDirectories(tree.resolve(deep));
        Files.writeString(tree.resolve(deep).resolve("b.txt"), "file b\n");
        Files.createDirectories(tree.resolve("empty"));
        CommandRunner.Result in = run.tug("cp", tree.toString(), "box:/tmp/tree-in");
        assertEquals(0, in.code(), in.toString());
        CommandRunner.Result listed = run.tug("exec", "box", "--", "sh", "-c",
                "cat /tmp/tree-in/a.txt /tmp/tree-in/" + deep + "/b.txt; test -d /tmp/tree-in/empty && echo empty-dir");
        assertEquals("file a\nfile b\nempty-dir\n", listed.out(), listed.toString());

        Path back = work.resolve("tree-back");
        CommandRunner.Result out = run.tug("cp", "box:/tmp/tree-in", back.toString());
        assertEquals(0, out.code(), out.toString());
        assertEquals("file a\n", Files.readString(back.resolve("a.txt")));
        assertEquals("file b\n", Files.readString(back.resolve(deep).resolve("b.txt")));
        assertTrue(Files.isDirectory(back.resolve("empty")));
    }

    /** {@code tug attach} shows the main process's output as it comes and ends with it, exit code 0. */
    @Test
    void attachFollowsTheMainProcessUntilItEnds() throws Exception {
        CommandRunner.Result applied = run.tugWithInput("""
                apiVersion: v1
                kind: Pod
                metadata: {name: ticker}
                spec:
                  nodeName: %s
                  restartPolicy: Never
                  containers:
                  - {name: main, image: tugboat/busybox:1, command: [sh, -c, 'until [ -f /tmp/stop ]; do echo tick; sleep 0.3; done; echo bye']}
                """.formatted(NODE), "apply", "-f", "-");
        assertEquals(0, applied.code(), applied.toString());
        ResourceClient<Pod> pods = cluster.client().resources(ResourceKinds.PODS).inNamespace("default");
        Eventually.until("pod ticker running", Duration.ofSeconds(90), () -> {
            try {
                Pod p = pods.get("ticker");
                return p.status() != null && "Running".equals(p.status().phase());
            } catch (Exception e) {
                return false;
            }
        });
        java.io.StringWriter out = new java.io.StringWriter();
        java.util.concurrent.CompletableFuture<CommandRunner.Result> attach =
                java.util.concurrent.CompletableFuture.supplyAsync(() -> run.tugTo(out, "attach", "ticker"));
        Eventually.until("ticks through attach", Duration.ofSeconds(60), () -> out.toString().contains("tick"));
        assertEquals(0, run.tug("exec", "ticker", "--", "touch", "/tmp/stop").code());
        CommandRunner.Result result = attach.get(60, TimeUnit.SECONDS);
        assertEquals(0, result.code(), result.toString());
        assertTrue(result.out().endsWith("bye\n"), result.toString());
    }

    /** {@code tug attach -i} writes to the main process's stdin; its end ends a stdinOnce process, and tug with it. */
    @Test
    void attachWithStdinFeedsTheMainProcessUntilItsEnd() throws Exception {
        startStdioPod("reader", "cat", "stdin: true, stdinOnce: true");
        CommandRunner.Result result = run.tugWithInput("one\ntwo\n", "attach", "-i", "reader");
        assertEquals(0, result.code(), result.toString());
        assertEquals("one\ntwo\n", result.out());
    }

    /** {@code tug attach -it} in tmux: the main shell on its TTY, following a resize; detaching leaves it running. */
    @Test
    void attachWithATtyInTmuxDrivesTheMainShell() throws Exception {
        startStdioPod("term", "sh", "stdin: true, tty: true");
        String session = "tugattach" + UUID.randomUUID().toString().substring(0, 6);
        Path done = work.resolve(session + ".exit");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path script = work.resolve(session + ".sh");
        Files.writeString(script, "'" + java + "' -cp '" + System.getProperty("java.class.path") + "' io.tugboat.kubectl.Tug --kubeconfig '"
                + kubeconfig + "' attach -it term; echo $? > '" + done + "'\n");
        tmux("new-session", "-d", "-s", session, "-x", "100", "-y", "30", "sh " + script);
        try {
            typeUntil(session, "stty size", "30 100");
            tmux("resize-window", "-t", session, "-x", "120", "-y", "40");
            typeUntil(session, "stty size", "40 120");
            tmux("send-keys", "-t", session, "exit 0", "Enter");
            Eventually.until("tug attach ended with the shell", Duration.ofSeconds(60), () -> read(done).strip().length() > 0);
            assertEquals("0", read(done).strip());
        } finally {
            new ProcessBuilder("tmux", "kill-session", "-t", session).start().waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** {@code -t} for a container without a TTY: kubectl's notice, and plain streams. */
    @Test
    void attachWithATtyToAContainerWithoutOneSaysSo() throws Exception {
        startStdioPod("plain", "cat", "stdin: true, stdinOnce: true");
        CommandRunner.Result result = run.tugWithInput("plain\n", "attach", "-i", "-t", "plain");
        assertEquals(0, result.code(), result.toString());
        assertTrue(result.err().contains("Unable to use a TTY - container main did not allocate one"), result.toString());
        assertEquals("plain\n", result.out());
    }

    /**
     * {@code tug port-forward pod/web :8080} (a free local port) serves the pod's HTTP page for several sequential
     * and two concurrent connections, each its own WebSocket through API server and kubelet; a closed port of the pod
     * is reported and ends only that connection.
     */
    @Test
    void portForwardServesThePodsPageOverWebSockets() throws Exception {
        CommandRunner.Result applied = run.tugWithInput("""
                apiVersion: v1
                kind: Pod
                metadata: {name: web}
                spec:
                  nodeName: %s
                  terminationGracePeriodSeconds: 1
                  containers:
                  - {name: main, image: tugboat/busybox:1, command: [sh, -c, 'mkdir -p /www && echo hello-from-tug-port-forward > /www/index.html && exec httpd -f -p 8080 -h /www']}
                """.formatted(NODE), "apply", "-f", "-");
        assertEquals(0, applied.code(), applied.toString());
        ResourceClient<Pod> pods = cluster.client().resources(ResourceKinds.PODS).inNamespace("default");
        Eventually.until("pod web running", Duration.ofSeconds(90), () -> {
            try {
                Pod p = pods.get("web");
                return p.status() != null && "Running".equals(p.status().phase());
            } catch (Exception e) {
                return false;
            }
        });
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path errors = work.resolve("port-forward.err");
        Process forward = new ProcessBuilder(javaBin, "-cp", System.getProperty("java.class.path"), "io.tugboat.kubectl.Tug",
                "--kubeconfig", kubeconfig.toString(), "port-forward", "pod/web", ":8080", "0:8081")
                .redirectError(errors.toFile()).start();
        try {
            java.io.BufferedReader lines = new java.io.BufferedReader(new java.io.InputStreamReader(
                    forward.getInputStream(), StandardCharsets.UTF_8));
            String first = lines.readLine();
            String second = lines.readLine();
            assertTrue(first != null && first.matches("Forwarding from 127\\.0\\.0\\.1:\\d+ -> 8080"), first + " / " + read(errors));
            assertTrue(second != null && second.endsWith(" -> 8081"), second);
            int port = Integer.parseInt(first.replaceAll(".*:(\\d+) -> .*", "$1"));
            int closedPort = Integer.parseInt(second.replaceAll(".*:(\\d+) -> .*", "$1"));
            for (int i = 0; i < 3; i++) {
                assertTrue(get(port).contains("hello-from-tug-port-forward"), "sequential connection " + i);
            }
            try (java.net.Socket a = new java.net.Socket("127.0.0.1", port); java.net.Socket b = new java.net.Socket("127.0.0.1", port)) {
                for (java.net.Socket s : java.util.List.of(a, b)) {
                    s.getOutputStream().write("GET / HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.UTF_8));
                }
                for (java.net.Socket s : java.util.List.of(a, b)) {
                    assertTrue(new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8)
                            .contains("hello-from-tug-port-forward"), "two concurrent connections");
                }
            }
            assertEquals("", get(closedPort), "nothing listens on 8081 in the pod: the connection just ends");
            Eventually.until("the error for 8081 reported", Duration.ofSeconds(30),
                    () -> read(errors).contains("error forwarding port 8081"));
            assertTrue(get(port).contains("hello-from-tug-port-forward"), "the other port still works");
        } finally {
            forward.destroy();
            forward.waitFor(30, TimeUnit.SECONDS);
        }
    }

    /** An HTTP/1.0 GET through a fresh connection: the whole answer (the server closes after it). */
    static String get(int port) throws IOException {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
            socket.setSoTimeout(60_000);
            socket.getOutputStream().write("GET / HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.UTF_8));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static void startStdioPod(String name, String command, String stdio) throws Exception {
        CommandRunner.Result applied = run.tugWithInput("""
                apiVersion: v1
                kind: Pod
                metadata: {name: %s}
                spec:
                  nodeName: %s
                  restartPolicy: Never
                  terminationGracePeriodSeconds: 1
                  containers:
                  - {name: main, image: tugboat/busybox:1, command: [%s], %s}
                """.formatted(name, NODE, command, stdio), "apply", "-f", "-");
        assertEquals(0, applied.code(), applied.toString());
        ResourceClient<Pod> pods = cluster.client().resources(ResourceKinds.PODS).inNamespace("default");
        Eventually.until("pod " + name + " running", Duration.ofSeconds(90), () -> {
            try {
                Pod p = pods.get(name);
                return p.status() != null && "Running".equals(p.status().phase());
            } catch (Exception e) {
                return false;
            }
        });
    }

    /** tug in a real terminal (tmux): an interactive shell, a resize it notices, a clean exit with the shell's code. */
    @Test
    void anInteractiveShellInTmuxFollowsAResizeAndExits() throws Exception {
        String session = "tugexec" + UUID.randomUUID().toString().substring(0, 6);
        Path done = work.resolve(session + ".exit");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path script = work.resolve(session + ".sh");
        Files.writeString(script, "'" + java + "' -cp '" + System.getProperty("java.class.path") + "' io.tugboat.kubectl.Tug --kubeconfig '"
                + kubeconfig + "' exec -it box -- sh; echo $? > '" + done + "'\n");
        tmux("new-session", "-d", "-s", session, "-x", "100", "-y", "30", "sh " + script);
        try {
            Eventually.until("the shell prompt", Duration.ofSeconds(90), () -> pane(session).contains("#"));
            typeUntil(session, "stty size", "30 100");
            tmux("resize-window", "-t", session, "-x", "120", "-y", "40");
            // the resize travels (SIGWINCH, the client, the API server, the kubelet, Docker) while we type: ask again until it shows
            typeUntil(session, "stty size", "40 120");
            tmux("send-keys", "-t", session, "exit 6", "Enter");
            Eventually.until("tug ended", Duration.ofSeconds(30), () -> read(done).strip().length() > 0);
            assertEquals("6", read(done).strip());
        } finally {
            new ProcessBuilder("tmux", "kill-session", "-t", session).start().waitFor(10, TimeUnit.SECONDS);
        }
    }

    static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            return "";
        }
    }

}
