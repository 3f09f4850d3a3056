package io.tugboat.bench;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.KV;
import io.tugboat.apiserver.server.ApiServer;
import io.tugboat.testsupport.EtcdExtension;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Pod-create throughput through the API server next to raw etcd puts of the same bytes, at 1 and 32
 * concurrent clients. Run with {@code ./tug bench}. It starts its own etcd and an in-process API server on
 * loopback, and prints one line per measurement and the ratio the API server issue asks about
 * (target: API server at 32 clients ≥ 50% of raw etcd at 32 clients).
 *
 * <p>Each measurement runs for a fixed time after a warm-up; every client is a thread doing one request
 * at a time, so "32 clients" means at most 32 requests in flight, for both the API server and etcd. The
 * HTTP client is {@link KeepAliveClient}, a minimal blocking HTTP/1.1 client: the JDK's asynchronous
 * HttpClient adds several milliseconds per request on its own, which would measure the client instead of
 * the server.
 */
public final class ApiServerBenchmark {
    private static final Duration WARMUP = Duration.ofSeconds(3);
    private static final Duration MEASURE = Duration.ofSeconds(8);

    private ApiServerBenchmark() {
    }

    public static String pod(String name) {
        return """
                {"apiVersion":"v1","kind":"Pod","metadata":{"name":"%s","namespace":"default","labels":{"app":"bench","tier":"web"}},
                 "spec":{"containers":[{"name":"web","image":"tugboat/busybox:1","imagePullPolicy":"IfNotPresent",
                 "command":["httpd","-f","-p","8080"],"ports":[{"containerPort":8080,"protocol":"TCP"}],
                 "resources":{"requests":{"cpu":"100m","memory":"64Mi"},"limits":{"cpu":"200m","memory":"128Mi"}}}],
                 "restartPolicy":"Always"}}""".formatted(name);
    }

    interface Operation {
        void run(int client, long sequence) throws Exception;
    }

    /** Runs {@code clients} threads for the warm-up and measurement windows; returns operations per second. */
    static double measure(int clients, Operation operation) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        AtomicLong counted = new AtomicLong();
        AtomicLong sequence = new AtomicLong();
        long start = System.nanoTime();
        long measureFrom = start + WARMUP.toNanos();
        long end = measureFrom + MEASURE.toNanos();
        List<Future<?>> futures = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int client = c;
            futures.add(pool.submit(() -> {
                while (true) {
                    long now = System.nanoTime();
                    if (now >= end) {
                        return null;
                    }
                    operation.run(client, sequence.incrementAndGet());
                    long done = System.nanoTime();
                    if (done >= measureFrom && done < end) {
                        counted.incrementAndGet();
                    }
                }
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        pool.shutdown();
        pool.awaitTermination(10, TimeUnit.SECONDS);
        return counted.get() / (MEASURE.toNanos() / 1e9);
    }

    private static io.etcd.jetcd.api.PutRequest grpcPut(String key, byte[] value) {
        return io.etcd.jetcd.api.PutRequest.newBuilder().setKey(com.google.protobuf.ByteString.copyFromUtf8(key))
                .setValue(com.google.protobuf.ByteString.copyFrom(value)).build();
    }

    public static void main(String[] args) throws Exception {
        try (EtcdExtension etcd = new EtcdExtension()) {
            etcd.start();
            try (Client client = Client.builder().endpoints(etcd.endpoint()).build();
                 ApiServer server = new ApiServer(ApiServer.Config.defaults(List.of(etcd.endpoint())).withPort(0)
                         .withInFlightLimits(1000, 1000)).withPlainHttpOnly().start()) {
                KV kv = client.getKVClient();
                // The same puts through etcd's gRPC stubs directly (what the API server's storage uses): the
                // baseline is whichever raw client is faster, so the ratio never flatters the API server.
                io.grpc.ManagedChannel channel = io.grpc.netty.NettyChannelBuilder.forTarget(
                        java.net.URI.create(etcd.endpoint()).getAuthority()).usePlaintext().build();
                io.etcd.jetcd.api.KVGrpc.KVBlockingStub stub = io.etcd.jetcd.api.KVGrpc.newBlockingStub(channel);
                byte[] body = pod("bench-000000").getBytes(StandardCharsets.UTF_8);
                int port = server.port();
                // One keep-alive connection per client thread, as kubectl or client-go would hold.
                ThreadLocal<KeepAliveClient> connections = ThreadLocal.withInitial(() -> new KeepAliveClient("127.0.0.1", port));

                System.out.printf("pod body: %d bytes; warm-up %ds, measured %ds per run%n", body.length,
                        WARMUP.toSeconds(), MEASURE.toSeconds());
                // One untimed round of both at full concurrency first: on two cores the JIT otherwise spends the
                // first measurements compiling jetcd, gRPC, Netty and Jackson.
                measure(32, (c, seq) -> kv.put(ByteSequence.from("/bench/warmup/" + seq, StandardCharsets.UTF_8),
                        ByteSequence.from(body)).get());
                measure(32, (c, seq) -> stub.put(grpcPut("/bench/warmup-grpc/" + seq, body)));
                measure(32, (c, seq) -> connections.get().post("/api/v1/namespaces/default/pods",
                        pod("bench-warmup-" + seq).getBytes(StandardCharsets.UTF_8)));
                double[] etcdRates = new double[2];
                double[] apiRates = new double[2];
                int[] concurrency = {1, 32};
                for (int i = 0; i < concurrency.length; i++) {
                    int n = concurrency[i];
                    String run = "r" + i;
                    double jetcdRate = measure(n, (c, seq) -> kv.put(
                            ByteSequence.from("/bench/" + run + "/" + seq, StandardCharsets.UTF_8),
                            ByteSequence.from(body)).get());
                    double grpcRate = measure(n, (c, seq) -> stub.put(grpcPut("/bench/" + run + "-grpc/" + seq, body)));
                    etcdRates[i] = Math.max(jetcdRate, grpcRate);
                    apiRates[i] = measure(n, (c, seq) -> {
                        int status = connections.get().post("/api/v1/namespaces/default/pods",
                                pod("bench-" + run + "-" + seq).getBytes(StandardCharsets.UTF_8));
                        if (status != 201) {
                            throw new IllegalStateException("create answered " + status);
                        }
                    });
                    System.out.printf("%2d client(s): raw etcd put %8.0f/s (jetcd %.0f/s, gRPC stub %.0f/s)   "
                            + "API server pod create %8.0f/s   ratio %5.1f%%%n",
                            n, etcdRates[i], jetcdRate, grpcRate, apiRates[i], 100 * apiRates[i] / etcdRates[i]);
                }
                System.out.printf("target: API server at 32 clients >= 50%% of raw etcd at 32 clients: %s (%.1f%%)%n",
                        apiRates[1] >= 0.5 * etcdRates[1] ? "met" : "NOT met", 100 * apiRates[1] / etcdRates[1]);
                channel.shutdownNow();
            }
        }
    }
}
