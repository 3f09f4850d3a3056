package io.tugboat.testcluster;

import io.tugboat.client.Kubeconfig;
import io.tugboat.apiserver.server.ApiServer;
import io.tugboat.client.ApiClient;
import io.tugboat.testsupport.EtcdExtension;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * An in-process API server on a test's etcd, under a key prefix of its own, listening on a free
 * loopback port over plain HTTP ({@link ApiServer#withPlainHttpOnly()}: no TLS, every request is
 * {@code system:unsecured}, a member of system:masters). Tests of TLS, authentication and authorization start an
 * {@link ApiServer} of their own.
 *
 * <p>Typical use, one per test class:
 * <pre>{@code
 * @RegisterExtension static final EtcdExtension etcd = new EtcdExtension();
 * static TestCluster cluster;
 * @BeforeAll static void start() { cluster = TestCluster.start(etcd); }
 * @AfterAll static void stop() { cluster.close(); }
 * }</pre>
 */
public final class TestCluster implements AutoCloseable {
    private final ApiServer server;
    private final String url;

    private TestCluster(ApiServer server) {
        this.server = server;
        this.url = "http://127.0.0.1:" + server.port();
    }

    /** Starts an API server with the default configuration on {@code etcd}. */
    public static TestCluster start(EtcdExtension etcd) {
        return start(etcd, c -> c);
    }

    /** Starts an API server whose configuration {@code configure} may adjust (port and prefix are set). */
    public static TestCluster start(EtcdExtension etcd, UnaryOperator<ApiServer.Config> configure) {
        ApiServer.Config config = configure.apply(ApiServer.Config.defaults(List.of(etcd.endpoint()))
                .withPort(0)
                .withEtcdPrefix("/test-" + System.nanoTime()));
        try {
            return new TestCluster(new ApiServer(config).withPlainHttpOnly().start());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting the API server", e);
        }
    }

    /** The server's base URL, {@code http://127.0.0.1:PORT}. */
    public String url() {
        return url;
    }

    /** The running server, for tests that need its port or want to stop it. */
    public ApiServer server() {
        return server;
    }

    /**
     * A client without a rate limit worth mentioning, as components configure theirs. Each call builds
     * a new client; a test that runs two components gives each its own, as two processes would have.
     */
    public ApiClient client() {
        return ApiClient.builder(url).rateLimit(1000, 1000).build();
    }

    /**
     * Writes a kubeconfig for this server to {@code file} (context {@code tugboat}, namespace
     * {@code default}), usable by {@code tug}, by {@link ApiClient#fromKubeconfig} and by the real kubectl.
     */
    public Path writeKubeconfig(Path file) {
        try {
            Files.writeString(file, Kubeconfig.forServer(url));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
