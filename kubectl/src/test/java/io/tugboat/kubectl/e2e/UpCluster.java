package io.tugboat.kubectl.e2e;

import io.tugboat.kubectl.CommandRunner;
import io.tugboat.kubectl.cluster.ClusterDir;
import io.tugboat.kubectl.cluster.LocalCluster;
import io.tugboat.kubectl.cluster.LocalProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real local cluster for end-to-end tests, started exactly as a user starts one: {@code tug up} as its own
 * process (etcd, API server, scheduler, controller-manager and N kubelets as separate processes on the real
 * Docker engine), and stopped with {@code tug down --purge}.
 *
 * <p>Each cluster gets its own data directory, free ports and node-name prefix ({@code <name>-1},
 * {@code <name>-2}, ...), so clusters of different test classes never touch each other's processes or
 * containers (the kubelets act only on containers labelled with their node name). It runs the jars the
 * module's {@code package} phase built ({@code target/tug.jar} and {@code target/lib}), so it belongs in
 * failsafe ITs, and it skips {@code deploy/install-deps.sh}: the test command ran it already.
 *
 * <pre>{@code
 * try (UpCluster cluster = UpCluster.start("walk", 2)) {
 *     CommandRunner run = cluster.runner();
 *     run.tug("apply", "-f", "web.yaml");
 *     run.kubectl("get", "pods");
 * }
 * }</pre>
 */
public final class UpCluster implements AutoCloseable {
    /**
     * Generous: the first {@code tug down} after a build also waits for each component JVM to write its
     * class-data archive, which takes a minute or more on a busy machine.
     */
    private static final long COMMAND_TIMEOUT_SECONDS = 300;

    private final String name;
    private final Path dataDir;
    private final int apiPort;
    private final int etcdPort;
    private final int kubeletPort;
    private final String clusterCidr;
    private int nodes;
    private final CommandRunner runner;

    private UpCluster(String name, Path dataDir, int apiPort, int etcdPort, int kubeletPort, String clusterCidr) {
        this.name = name;
        this.clusterCidr = clusterCidr;
        this.dataDir = dataDir;
        this.apiPort = apiPort;
        this.etcdPort = etcdPort;
        this.kubeletPort = kubeletPort;
        this.runner = new CommandRunner(dataDir.resolve("kubeconfig"), dataDir.resolve("kubectl-cache"));
    }

    /**
     * Runs {@code tug up --nodes=N} for a new cluster whose nodes are named {@code name-1..name-N}, and returns
     * once every node is Ready (what {@code tug up} waits for). Fails with the output of {@code tug up} and the
     * end of every component log when it does not come up.
     */
    public static UpCluster start(String name, int nodes) {
        try {
            Path dataDir = Files.createTempDirectory("tug-e2e-" + name + "-");
            // Ports: API server, etcd client + peer (+1), and one kubelet port per node, with room for nodes
            // added later by withNodes().
            int base = freePortBlock(16);
            UpCluster cluster = new UpCluster(name, dataDir, base, base + 1, base + 4, freeClusterCidr());
            cluster.up(nodes);
            return cluster;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code tug up} again with more nodes: the running components stay, new kubelets start (tug up is idempotent). */
    public void withNodes(int total) {
        up(total);
    }

    private void up(int total) {
        CommandRunner.Result result = tugProcess("up", "--nodes=" + total, "--data-dir=" + dataDir,
                "--port=" + apiPort, "--etcd-port=" + etcdPort, "--kubelet-port=" + kubeletPort,
                "--node-prefix=" + name + "-", "--cluster-cidr=" + clusterCidr, "--skip-install");
        if (result.code() != 0) {
            String logs = logTails();
            close();
            throw new IllegalStateException("tug up failed: " + result + "\n" + logs);
        }
        nodes = total;
    }

    /** Runs tug (in this JVM) and the real kubectl against this cluster's kubeconfig. */
    public CommandRunner runner() {
        return runner;
    }

    /** The kubeconfig {@code tug up} wrote. */
    public Path kubeconfig() {
        return dataDir.resolve("kubeconfig");
    }

    public String apiServerUrl() {
        return "http://127.0.0.1:" + apiPort;
    }

    /** The name of node {@code i} (1-based). */
    public String nodeName(int i) {
        return name + "-" + i;
    }

    /** The cluster's pod range ({@code tug up --cluster-cidr}): a {@code 10.X.0.0/16} no Docker network on this engine uses. */
    public String clusterCidr() {
        return clusterCidr;
    }

    public int nodes() {
        return nodes;
    }

    /** The cluster's data directory (kubeconfig, logs/, pids/, etcd data). */
    public Path dataDir() {
        return dataDir;
    }

    /**
     * The local process of component {@code component}, named as in {@code logs/} and {@code pids/}:
     * {@code apiserver}, {@code scheduler}, {@code controller-manager}, {@code kubelet-<node>}.
     */
    private LocalProcess process(String component) {
        LocalCluster cluster = LocalCluster.fromSettings(new ClusterDir(dataDir));
        return cluster.components("java", "").stream().map(LocalCluster.Component::process)
                .filter(p -> p.name().equals(component)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no component " + component + " in " + dataDir));
    }

    /** The component name of node {@code i}'s kubelet, for {@link #kill} and {@link #restartWith}. */
    public String kubelet(int i) {
        return "kubelet-" + nodeName(i);
    }

    /**
     * Stops {@code component} (SIGTERM) and starts it again with the command line {@code tug up} gave it plus
     * {@code extraArgs}, e.g. shorter node-monitoring periods for an outage test. The appended flags must not
     * repeat one already there (picocli rejects a single-valued option given twice). {@code tug down} still
     * finds the process: the command line tug up recognises it by is kept as it was.
     */
    public void restartWith(String component, String... extraArgs) {
        LocalProcess process = process(component);
        ProcessHandle running = process.running()
                .orElseThrow(() -> new IllegalStateException(component + " is not running"));
        List<String> command;
        try {
            command = new ArrayList<>(List.of(Files.readString(Path.of("/proc", Long.toString(running.pid()), "cmdline"))
                    .split("\0")));
            process.stop(java.time.Duration.ofSeconds(20));
            command.addAll(List.of(extraArgs));
            process.start(command);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Kills {@code component} with SIGKILL — a crash or a power cut as far as the cluster can tell: a killed
     * kubelet posts nothing more and releases nothing, and its containers keep running on Docker (until
     * {@code close()} removes them). Returns once the process has exited.
     */
    public void kill(String component) {
        ProcessHandle running = process(component).running()
                .orElseThrow(() -> new IllegalStateException(component + " is not running"));
        running.destroyForcibly();
        try {
            running.onExit().get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException(component + " (pid " + running.pid() + ") did not exit after SIGKILL", e);
        }
    }

    /** The last lines of every component's log, for failure messages. */
    public String logTails() {
        Path logs = dataDir.resolve("logs");
        if (!Files.isDirectory(logs)) {
            return "(no logs in " + logs + ")";
        }
        StringBuilder out = new StringBuilder();
        try (Stream<Path> files = Files.list(logs)) {
            for (Path log : files.sorted().toList()) {
                List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
                out.append("--- ").append(log.getFileName()).append('\n');
                lines.subList(Math.max(0, lines.size() - 30), lines.size()).forEach(l -> out.append(l).append('\n'));
            }
        } catch (IOException e) {
            out.append("(could not read logs: ").append(e).append(")\n");
        }
        return out.toString();
    }

    /** {@code tug down --purge}: stops every process and removes the containers of this cluster's nodes. */
    @Override
    public void close() {
        CommandRunner.Result result = tugProcess("down", "--data-dir=" + dataDir, "--purge");
        if (result.code() != 0) {
            throw new IllegalStateException("tug down failed: " + result);
        }
    }

    /**
     * Runs {@code tug} as its own process from the jars {@code package} built, as the {@code ./tug} launcher
     * does; {@code tug up} passes its own class path on to the components it starts.
     */
    public static CommandRunner.Result tugProcess(String... args) {
        Path target = Path.of("target").toAbsolutePath();
        if (!Files.isRegularFile(target.resolve("tug.jar"))) {
            throw new IllegalStateException("no " + target.resolve("tug.jar") + ": UpCluster needs the package phase");
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-cp", target.resolve("tug.jar") + ":" + target.resolve("lib") + "/*",
                "io.tugboat.kubectl.Tug"));
        command.addAll(List.of(args));
        try {
            Path out = Files.createTempFile("tug", ".out");
            Path err = Files.createTempFile("tug", ".err");
            ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            builder.environment().remove("KUBECONFIG");
            builder.environment().remove("TUG_ROOT");
            Process process = builder.start();
            if (!process.waitFor(COMMAND_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(command + " did not finish in " + COMMAND_TIMEOUT_SECONDS + " s");
            }
            CommandRunner.Result result = new CommandRunner.Result(process.exitValue(), Files.readString(out),
                    Files.readString(err));
            Files.delete(out);
            Files.delete(err);
            return result;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * A {@code 10.X.0.0/16} pod range that overlaps no Docker network on this engine: each node's bridge network
     * takes a piece of it, and Docker refuses overlapping bridges, so clusters running side by side (test classes,
     * a developer's own cluster on 10.244.0.0/16) must not share one.
     */
    private static String freeClusterCidr() throws IOException {
        Set<Integer> used = new HashSet<>(Set.of(244));
        try {
            Process ls = new ProcessBuilder("sh", "-c",
                    "docker network inspect $(docker network ls -q) --format '{{range .IPAM.Config}}{{.Subnet}} {{end}}'")
                    .redirectErrorStream(true).start();
            String out = new String(ls.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            ls.waitFor(30, TimeUnit.SECONDS);
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\b10\\.(\\d+)\\.").matcher(out);
            while (m.find()) {
                used.add(Integer.parseInt(m.group(1)));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        for (int attempt = 0; attempt < 1000; attempt++) {
            int x = 100 + ThreadLocalRandom.current().nextInt(140);
            if (!used.contains(x)) {
                return "10." + x + ".0.0/16";
            }
        }
        throw new IOException("no free 10.X.0.0/16 for the cluster's pods");
    }

    /** The first port of {@code count} consecutive ports that are all free on loopback and on all addresses. */
    private static int freePortBlock(int count) throws IOException {
        for (int attempt = 0; attempt < 200; attempt++) {
            int base = 20_000 + ThreadLocalRandom.current().nextInt(0, 2_000) * 16;
            if (allFree(base, count)) {
                return base;
            }
        }
        throw new IOException("no block of " + count + " free ports found");
    }

    private static boolean allFree(int base, int count) {
        for (int port = base; port < base + count; port++) {
            try (ServerSocket any = new ServerSocket()) {
                any.setReuseAddress(false);
                any.bind(new InetSocketAddress(InetAddress.getByName("0.0.0.0"), port));
            } catch (IOException e) {
                return false;
            }
        }
        return true;
    }
}
