package io.tugboat.apiserver.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.tugboat.api.Codec;
import io.tugboat.apiserver.server.ApiServer;
import io.tugboat.testsupport.EtcdExtension;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * A real API server on a free port, backed by the test class's etcd, plus a tiny HTTP client for tests.
 * Deliberately not Tugboat's own client library: these tests pin down the wire format itself.
 */
public final class TestServer implements AutoCloseable {
    public final ApiServer server;
    public final String base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public TestServer(EtcdExtension etcd) {
        this(etcd, c -> c);
    }

    public TestServer(EtcdExtension etcd, UnaryOperator<ApiServer.Config> configure) {
        this(etcd, configure, server -> server);
    }

    /** A server whose configuration {@code configure} and whose builder {@code customize} may adjust (TLS to etcd...). */
    public TestServer(EtcdExtension etcd, UnaryOperator<ApiServer.Config> configure, UnaryOperator<ApiServer> customize) {
        ApiServer.Config config = configure.apply(ApiServer.Config.defaults(List.of(etcd.endpoint())).withPort(0)
                .withEtcdPrefix("/registry-" + System.nanoTime()));
        try {
            this.server = customize.apply(new ApiServer(config).withPlainHttpOnly()).start();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        this.base = "http://127.0.0.1:" + server.port();
    }

    /** A response with the body parsed as JSON when it is JSON. */
    public record Response(int code, String body, HttpResponse<String> raw) {
        public JsonNode json() {
            try {
                return Codec.json().readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + body, e);
            }
        }

        public List<String> headers(String name) {
            return raw.headers().allValues(name);
        }
    }

    public Response send(String method, String path, String body, String contentType, String... headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
        if (body == null) {
            builder.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            builder.method(method, HttpRequest.BodyPublishers.ofString(body));
            builder.header("Content-Type", contentType);
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        try {
            HttpResponse<String> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body(), response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public Response sendBytes(String method, String path, byte[] body, String contentType) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .method(method, HttpRequest.BodyPublishers.ofByteArray(body)).header("Content-Type", contentType).build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body(), response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public Response get(String path) {
        return send("GET", path, null, null);
    }

    public Response post(String path, String json) {
        return send("POST", path, json, "application/json");
    }

    public Response put(String path, String json) {
        return send("PUT", path, json, "application/json");
    }

    public Response patch(String path, String patch, String type) {
        return send("PATCH", path, patch, type);
    }

    public Response delete(String path) {
        return send("DELETE", path, null, null);
    }

    /** An open watch: frames arrive on a queue read by {@link #next()}. */
    public final class Watch implements AutoCloseable {
        private final BlockingQueue<JsonNode> frames = new LinkedBlockingQueue<>();
        private final InputStream body;
        private final Thread reader;
        public final int code;

        Watch(String path) {
            this(path, "application/json");
        }

        public Watch(String path, String accept) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(base + path)).header("Accept", accept).GET().build();
            try {
                HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
                this.code = response.statusCode();
                this.body = response.body();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            reader = new Thread(() -> {
                try (BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = lines.readLine()) != null) {
                        if (!line.isBlank()) {
                            frames.add(Codec.json().readTree(line));
                        }
                    }
                } catch (IOException e) {
                    // closed
                }
                frames.add(Codec.json().createObjectNode().put("type", "CLOSED"));
            }, "test-watch-reader");
            reader.setDaemon(true);
            reader.start();
        }

        /** The next frame, waiting up to 10 s; fails the test when none arrives. */
        public JsonNode next() {
            try {
                JsonNode frame = frames.poll(10, TimeUnit.SECONDS);
                if (frame == null) {
                    throw new AssertionError("no watch event within 10 s");
                }
                return frame;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        /** The next frame if one arrives within {@code millis}, else null (for asserting that nothing came). */
        public JsonNode poll(long millis) {
            try {
                return frames.poll(millis, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void close() {
            try {
                body.close();
            } catch (IOException ignored) {
                // closing
            }
        }
    }

    public Watch watch(String path) {
        return new Watch(path);
    }

    @Override
    public void close() {
        server.close();
    }
}
