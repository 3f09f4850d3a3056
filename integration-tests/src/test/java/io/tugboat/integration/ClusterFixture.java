package io.tugboat.integration;

import io.tugboat.apiserver.server.ApiServer;
import io.tugboat.client.ApiClient;
import io.tugboat.testsupport.EtcdExtension;
import java.util.List;
import java.util.function.UnaryOperator;

/** An in-process API server on the test class's etcd, and a client for it. */
final class ClusterFixture implements AutoCloseable {
    final ApiServer server;
    final String url;

    ClusterFixture(EtcdExtension etcd, UnaryOperator<ApiServer.Config> configure) {
        ApiServer.Config config = configure.apply(ApiServer.Config.defaults(List.of(etcd.endpoint())).withPort(0)
                .withEtcdPrefix("/it-" + System.nanoTime()));
        try {
            this.server = new ApiServer(config).start();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        this.url = "http://127.0.0.1:" + server.port();
    }

    ClusterFixture(EtcdExtension etcd) {
        this(etcd, c -> c);
    }

    /** A client without a rate limit worth mentioning, as components configure it. */
    ApiClient client() {
        return ApiClient.builder(url).rateLimit(1000, 1000).build();
    }

    @Override
    public void close() {
        server.close();
    }
}
