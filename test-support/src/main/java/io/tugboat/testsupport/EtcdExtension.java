package io.tugboat.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real, single-member etcd for one test class: started before the first test on free loopback
 * ports with a throw-away data directory, stopped and deleted after the last one.
 *
 * <pre>{@code
 * class EtcdStorageIT {
 *     @RegisterExtension
 *     static final EtcdExtension etcd = new EtcdExtension();
 *
 *     @Test
 *     void createsAKeyOnce() {
 *         var client = Client.builder().endpoints(etcd.endpoint()).build();
 *         ...
 *     }
 * }
 * }</pre>
 *
 * <p>The field must be {@code static}: JUnit calls {@link #beforeAll} and {@link #afterAll} only
 * for class-level extensions, and one etcd per class (not per test) is what keeps a two-core CI
 * machine fast. Tests in a class share the store, so each should use its own keys or key prefix.
 * {@code @ExtendWith(EtcdExtension.class)} works too; the test then receives the running
 * instance as a parameter of type {@code EtcdExtension}.
 *
 * <p>{@link #stop()} and {@link #start()} take etcd down and bring it back on the same ports with
 * the same data, for testing what a client does while its store is away. Outside JUnit, call
 * {@link #start()} and {@link #close()} yourself.
 *
 * <p>{@link #withClientCertAuth} starts it the way {@code tug up} does: clients served over TLS only, and only
 * clients presenting a certificate from the given CA accepted ({@code --client-cert-auth}); {@link #endpoint()} is
 * then {@code https://}. Its health is polled on a separate plain-HTTP metrics port, which serves no keys.
 *
 * <p>The etcd binary is looked up on the {@code PATH}, then at {@code /usr/bin/etcd}; {@code
 * deploy/install-deps.sh} (run by {@code ./tug test}) installs it. etcd's output goes to {@code
 * etcd.log} next to the data directory (under {@code target/etcd/} when run from a module), never
 * to the test's own streams, and the last lines of that log are part of every start-up failure.
 */
public final class EtcdExtension
        implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, ParameterResolver, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EtcdExtension.class);

    private static final Duration START_TIMEOUT = Duration.ofSeconds(20);
    private static final Duration STOP_GRACE = Duration.ofSeconds(10);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(100);
    /** A first start that loses its ports to another process retries on fresh ones this often. */
    private static final int PORT_ATTEMPTS = 3;
    private static final String MEMBER_NAME = "tugboat-test";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    // Ports, work directory and binary are chosen by the first start() and kept until close(), so a
    // restart comes back where clients expect it, with the same data.
    private Path binary;
    private Path workDir;
    private boolean workDirUnderTarget;
    private int clientPort;
    private int peerPort;
    /** The running etcd, or null when stopped. */
    private Process process;
    private Thread shutdownHook;
    /** The JUnit context that started this etcd; only its afterAll stops it (see beforeAll). */
    private String owner;
    // TLS mode (withClientCertAuth): the CA clients' certificates must chain to, etcd's serving certificate and key.
    private Path trustedCaFile;
    private Path certFile;
    private Path keyFile;
    /** The plain-HTTP port of /health in TLS mode (--listen-metrics-urls). */
    private int metricsPort;

    /** Creates an extension that starts nothing until JUnit (or the caller) calls {@link #start()}. */
    public EtcdExtension() {
    }

    /**
     * TLS mode: serve clients over HTTPS with {@code certFile}/{@code keyFile} (PEM) and accept only clients whose
     * certificate was issued by the CA in {@code trustedCaFile} ({@code --client-cert-auth}). Call before the first
     * start; the files must exist by then.
     */
    public EtcdExtension withClientCertAuth(Path trustedCaFile, Path certFile, Path keyFile) {
        this.trustedCaFile = trustedCaFile;
        this.certFile = certFile;
        this.keyFile = keyFile;
        return this;
    }

    private boolean tls() {
        return certFile != null;
    }

    // ---- JUnit callbacks ---------------------------------------------------------------------

    /**
     * Starts etcd unless it already runs. A {@code @Nested} class inherits the outer class's
     * extension and calls this again; the outer class stays the owner and stops it at the end.
     */
    @Override
    public synchronized void beforeAll(ExtensionContext context) {
        if (process == null) {
            owner = context.getUniqueId(); // first, so that afterAll cleans up even if start fails
            start();
        }
    }

    @Override
    public synchronized void afterAll(ExtensionContext context) {
        if (context.getUniqueId().equals(owner)) {
            owner = null;
            close();
        }
    }

    /** Fails fast when the extension sits in an instance field, where JUnit never calls beforeAll. */
    @Override
    public synchronized void beforeEach(ExtensionContext context) {
        if (workDir == null) {
            throw new IllegalStateException("EtcdExtension was never started: register it in a static field "
                    + "(@RegisterExtension static final EtcdExtension etcd = new EtcdExtension();)");
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == EtcdExtension.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return this;
    }

    // ---- lifecycle -----------------------------------------------------------------------------

    /**
     * Starts etcd and returns once it reports itself healthy; does nothing if it already runs.
     * The first call picks the binary, the ports and the data directory; later calls (after
     * {@link #stop()}) reuse them, so the restarted etcd has the same endpoint and the same keys.
     *
     * @throws IllegalStateException if etcd is not installed, exits, or is not healthy within 20 s;
     *     the message carries the end of etcd's log
     */
    public synchronized void start() {
        if (process != null) {
            return;
        }
        if (workDir != null) {
            launch();
            return;
        }
        binary = findEtcd(System.getenv("PATH"), List.of(Path.of("/usr/bin/etcd"), Path.of("/usr/local/bin/etcd")));
        createWorkDir();
        for (int attempt = 1; ; attempt++) {
            pickFreePorts();
            try {
                launch();
                return;
            } catch (IllegalStateException e) {
                // Free ports are only free until someone else binds them; on a busy machine another
                // test JVM can win the race between our probe and etcd's bind.
                if (attempt == PORT_ATTEMPTS || !logTail(20).contains("address already in use")) {
                    throw e;
                }
                log.warn("etcd lost its ports to another process, retrying on new ones");
            }
        }
    }

    /**
     * Stops etcd (SIGTERM, then SIGKILL after 10 s) and waits until it has exited, keeping its
     * ports and data for a later {@link #start()}. Does nothing if it is not running.
     */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        Process running = process;
        process = null;
        running.destroy();
        try {
            if (!running.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                running.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            running.destroyForcibly();
            Thread.currentThread().interrupt();
        } finally {
            removeShutdownHook();
        }
        log.info("etcd on {} stopped", endpoint());
    }

    /**
     * Stops etcd and deletes its data directory. The log stays under {@code target/etcd/} when
     * there is one (a module build); otherwise the whole work directory goes. Afterwards the
     * extension is as new: a {@link #start()} picks new ports and an empty data directory.
     */
    @Override
    public synchronized void close() {
        stop();
        if (workDir != null) {
            deleteRecursively(workDirUnderTarget ? dataDir() : workDir);
            workDir = null;
            clientPort = 0;
            peerPort = 0;
        }
    }

    // ---- accessors -----------------------------------------------------------------------------

    /** The client URL, {@code http://127.0.0.1:<clientPort>} ({@code https://} in TLS mode), as jetcd and etcdctl expect it. */
    public synchronized String endpoint() {
        return (tls() ? "https" : "http") + "://127.0.0.1:" + clientPort();
    }

    /** The loopback port etcd serves clients on; stable across {@link #stop()}/{@link #start()}. */
    public synchronized int clientPort() {
        requireStartedOnce();
        return clientPort;
    }

    /** The loopback port etcd listens on for (non-existent) peers. */
    public synchronized int peerPort() {
        requireStartedOnce();
        return peerPort;
    }

    /** The directory etcd keeps its data in; deleted by {@link #close()}. */
    public synchronized Path dataDir() {
        requireStartedOnce();
        return workDir.resolve("data");
    }

    /** The file etcd's standard output and error go to. */
    public synchronized Path logFile() {
        requireStartedOnce();
        return workDir.resolve("etcd.log");
    }

    /** Whether etcd's process is alive (it may still be starting or already unhealthy). */
    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** The last {@code lines} lines of etcd's log, or a note that there is none yet. */
    public synchronized String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(logFile());
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | IllegalStateException e) {
            return "(no etcd log: " + e.getMessage() + ")";
        }
    }

    // ---- internals -----------------------------------------------------------------------------

    /**
     * Finds the etcd executable: the first {@code etcd} in the directories of {@code pathEnv}
     * (a {@code PATH}-style list), else the first of {@code fallbacks} that is executable.
     *
     * @throws IllegalStateException naming the install script when there is none
     */
    static Path findEtcd(String pathEnv, List<Path> fallbacks) {
        List<Path> candidates = new ArrayList<>();
        if (pathEnv != null) {
            for (String dir : pathEnv.split(":")) {
                if (!dir.isEmpty()) {
                    candidates.add(Path.of(dir, "etcd"));
                }
            }
        }
        candidates.addAll(fallbacks);
        return candidates.stream()
                .filter(p -> Files.isRegularFile(p) && Files.isExecutable(p))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("etcd not found on the PATH nor at " + fallbacks
                        + ". Integration tests need a local etcd: run `sudo bash deploy/install-deps.sh` "
                        + "(or ./tug test), which installs Debian's etcd-server package."));
    }

    private void createWorkDir() {
        try {
            Path target = Path.of("target");
            workDirUnderTarget = Files.isDirectory(target);
            Path base = workDirUnderTarget ? Files.createDirectories(target.resolve("etcd")).toAbsolutePath()
                    : Path.of(System.getProperty("java.io.tmpdir"));
            workDir = Files.createTempDirectory(base, "etcd-");
            Files.createDirectory(workDir.resolve("data"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a work directory for etcd", e);
        }
    }

    private void pickFreePorts() {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        // Both sockets are open at once so that the two ports differ.
        try (ServerSocket client = new ServerSocket(0, 1, loopback);
                ServerSocket peer = new ServerSocket(0, 1, loopback);
                ServerSocket metrics = new ServerSocket(0, 1, loopback)) {
            clientPort = client.getLocalPort();
            peerPort = peer.getLocalPort();
            metricsPort = metrics.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot find free loopback ports for etcd", e);
        }
    }

    private void launch() {
        String clientUrl = endpoint();
        String peerUrl = "http://127.0.0.1:" + peerPort;
        List<String> command = new ArrayList<>(List.of(
                binary.toString(),
                "--name", MEMBER_NAME,
                "--data-dir", dataDir().toString(),
                "--listen-client-urls", clientUrl,
                "--advertise-client-urls", clientUrl,
                "--listen-peer-urls", peerUrl,
                "--initial-advertise-peer-urls", peerUrl,
                "--initial-cluster", MEMBER_NAME + "=" + peerUrl,
                "--logger", "zap",
                "--log-outputs", "stderr"));
        if (tls()) {
            command.addAll(List.of("--cert-file", certFile.toString(), "--key-file", keyFile.toString(),
                    "--client-cert-auth", "--trusted-ca-file", trustedCaFile.toString(),
                    "--listen-metrics-urls", "http://127.0.0.1:" + metricsPort));
        }
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile().toFile()));
        long startedAt = System.nanoTime();
        try {
            process = builder.start();
            process.getOutputStream().close(); // etcd reads no input; don't leave a pipe open
        } catch (IOException e) {
            process = null;
            throw new UncheckedIOException("cannot start " + binary, e);
        }
        addShutdownHook(process);
        awaitHealthy(startedAt);
        log.info("etcd on {} healthy after {} ms (data {})", clientUrl,
                Duration.ofNanos(System.nanoTime() - startedAt).toMillis(), dataDir());
    }

    /** Polls {@code /health} until etcd says {@code "health":"true"}, it exits, or time runs out. */
    private void awaitHealthy(long startedAt) {
        String healthBase = tls() ? "http://127.0.0.1:" + metricsPort : endpoint();
        HttpRequest health = HttpRequest.newBuilder(URI.create(healthBase + "/health"))
                .timeout(Duration.ofSeconds(2))
                .build();
        long deadline = startedAt + START_TIMEOUT.toNanos();
        String lastAnswer = "no answer yet";
        while (true) {
            if (!process.isAlive()) {
                int exit = process.exitValue();
                process = null;
                removeShutdownHook();
                throw new IllegalStateException("etcd exited with status " + exit + " while starting on "
                        + endpoint() + "; end of " + logFile() + ":\n" + logTail(20));
            }
            try {
                HttpResponse<String> response = http.send(health, HttpResponse.BodyHandlers.ofString());
                lastAnswer = response.statusCode() + " " + response.body().strip();
                if (response.body().contains("\"health\":\"true\"")) {
                    return;
                }
            } catch (ConnectException e) {
                lastAnswer = "connection refused";
            } catch (IOException e) {
                lastAnswer = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stop();
                throw new IllegalStateException("interrupted while waiting for etcd to start", e);
            }
            if (System.nanoTime() - deadline > 0) {
                stop();
                throw new IllegalStateException("etcd on " + endpoint() + " not healthy within "
                        + START_TIMEOUT.toSeconds() + " s (last answer: " + lastAnswer + "); end of " + logFile()
                        + ":\n" + logTail(20));
            }
            pause(POLL_INTERVAL);
        }
    }

    private void pause(Duration interval) {
        try {
            Thread.sleep(interval.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop();
            throw new IllegalStateException("interrupted while waiting for etcd to start", e);
        }
    }

    /** Kills etcd if the JVM exits without afterAll (a crashed or interrupted test run). */
    private void addShutdownHook(Process running) {
        shutdownHook = new Thread(running::destroyForcibly, "etcd-killer-" + clientPort);
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    private void removeShutdownHook() {
        if (shutdownHook != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException alreadyShuttingDown) {
                // The hook is running or about to; nothing left to undo.
            }
            shutdownHook = null;
        }
    }

    private void requireStartedOnce() {
        if (workDir == null) {
            throw new IllegalStateException("etcd has not been started (use a static @RegisterExtension field, "
                    + "or call start())");
        }
    }

    private static void deleteRecursively(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + root, e);
        }
    }
}
