package io.tugboat.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.tugboat.api.Codec;
import io.tugboat.api.DecodeException;
import io.tugboat.api.ResourceKind;
import io.tugboat.api.meta.KubernetesObject;
import io.tugboat.api.meta.ListMeta;
import io.tugboat.api.meta.Status;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A connection to one API server, on the JDK HTTP client: where it is, who we are (bearer token or client
 * certificate), how fast we may go (a client-side {@link TokenBucket}) and how long a call may take. Typed
 * access to one kind goes through {@link #resources(ResourceKind)}.
 *
 * <p>Every call has a timeout ({@link Builder#requestTimeout}, 30 s by default) except watches and followed
 * logs, which instead end when the server ends them or, for watches, when nothing arrives for longer than the
 * watch's own timeout (a dead connection). Errors come back as the {@link ApiException} subclass for the
 * server's Status, in one place: {@link #toException}.
 */
public final class ApiClient {
    private final URI server;
    private final HttpClient http;
    private final String token;
    private final TokenBucket limiter;
    private final Duration requestTimeout;
    private final String defaultNamespace;
    private final String userAgent;
    private final int maxRetriesOnTooManyRequests;

    private ApiClient(Builder builder) {
        this.server = URI.create(builder.server.endsWith("/") ? builder.server.substring(0, builder.server.length() - 1)
                : builder.server);
        HttpClient.Builder http = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(10))
                .version(HttpClient.Version.HTTP_1_1);
        if (builder.sslContext != null) {
            http.sslContext(builder.sslContext);
        }
        this.http = http.build();
        this.token = builder.token;
        this.limiter = new TokenBucket(builder.qps, builder.burst);
        this.requestTimeout = builder.requestTimeout;
        this.defaultNamespace = builder.namespace;
        this.userAgent = builder.userAgent;
        this.maxRetriesOnTooManyRequests = builder.maxRetriesOnTooManyRequests;
    }

    public static Builder builder(String server) {
        return new Builder(server);
    }

    /** A client for the current (or named) context of a kubeconfig; see {@link Kubeconfig#load}. */
    public static Builder fromKubeconfig(String path, String context) {
        Kubeconfig.Connection connection = Kubeconfig.load(path).connection(context);
        Builder builder = new Builder(connection.server()).token(connection.token()).namespace(connection.namespaceOrDefault());
        if (connection.server().startsWith("https")) {
            try {
                builder.sslContext(TlsContexts.create(connection));
            } catch (GeneralSecurityException e) {
                throw new IllegalArgumentException("cannot set up TLS from the kubeconfig: " + e.getMessage(), e);
            }
        }
        return builder;
    }

    /** Settings of an {@link ApiClient}. */
    public static final class Builder {
        private final String server;
        private javax.net.ssl.SSLContext sslContext;
        private String token;
        private double qps = 5;
        private int burst = 10;
        private Duration requestTimeout = Duration.ofSeconds(30);
        private String namespace = "default";
        private String userAgent = "tugboat";
        private int maxRetriesOnTooManyRequests = 3;

        private Builder(String server) {
            this.server = server;
        }

        public Builder sslContext(javax.net.ssl.SSLContext context) {
            this.sslContext = context;
            return this;
        }

        public Builder token(String bearerToken) {
            this.token = bearerToken;
            return this;
        }

        /** Client-side rate limit; client-go's defaults (5 qps, burst 10) suit a CLI, components need more. */
        public Builder rateLimit(double qps, int burst) {
            this.qps = qps;
            this.burst = burst;
            return this;
        }

        public Builder requestTimeout(Duration timeout) {
            this.requestTimeout = timeout;
            return this;
        }

        public Builder namespace(String namespace) {
            this.namespace = namespace;
            return this;
        }

        /**
         * How often a request answered 429 with a {@code Retry-After} header is sent again, after the time the
         * header gives (default 3). A 429 without the header is returned at once, as client-go does.
         */
        public Builder maxRetriesOnTooManyRequests(int retries) {
            this.maxRetriesOnTooManyRequests = retries;
            return this;
        }

        public Builder userAgent(String userAgent) {
            this.userAgent = userAgent;
            return this;
        }

        public ApiClient build() {
            return new ApiClient(this);
        }
    }

    /** The namespace of the kubeconfig context (or {@code default}). */
    public String defaultNamespace() {
        return defaultNamespace;
    }

    public URI server() {
        return server;
    }

    /**
     * A lister-watcher for informers: the kind in one namespace, or in all ({@code null}). A method reference to
     * this ({@code client::listerWatcher}) is the {@link io.tugboat.client.informer.ListerWatcherSource} a
     * {@link io.tugboat.client.informer.SharedInformerFactory} takes.
     */
    public <T extends KubernetesObject> ListerWatcher<T> listerWatcher(ResourceKind<T> kind, String namespace) {
        return resources(kind).inNamespace(kind.namespaced() ? namespace : null);
    }

    /** Typed access to one kind, across all namespaces (or cluster-scoped); narrow with {@code inNamespace}. */
    public <T extends KubernetesObject> ResourceClient<T> resources(ResourceKind<T> kind) {
        return new ResourceClient<>(this, kind, null);
    }

    // ------------------------------------------------------------------ transport

    /** A finished exchange. */
    record Response(int status, byte[] body, HttpResponse<?> raw) {
    }

    /**
     * Sends a request and returns the body; 4xx/5xx become ApiExceptions. A 429 means the server did not
     * process the request; when it also says when to come back ({@code Retry-After}) the request is sent again
     * after that, up to {@link Builder#maxRetriesOnTooManyRequests} times, as client-go does. Without the header the
     * 429 is the answer (an eviction refused by a disruption budget, which the caller retries on its own terms).
     */
    Response send(String method, String path, Map<String, String> query, byte[] body, String contentType)
            throws ApiException {
        return send(method, path, query, body, contentType, null);
    }

    private Response send(String method, String path, Map<String, String> query, byte[] body, String contentType,
                          String accept) throws ApiException {
        for (int attempt = 0; ; attempt++) {
            HttpRequest.Builder builder = request(method, path, query, body, contentType).timeout(requestTimeout);
            if (accept != null) {
                builder.setHeader("Accept", accept);
            }
            HttpResponse<byte[]> response = exchange(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() < 400) {
                return new Response(response.statusCode(), response.body(), response);
            }
            ApiException error = toException(method, response.statusCode(), response.body(), response);
            if (!(error instanceof ApiException.TooManyRequestsException tooMany) || tooMany.retryAfterSeconds() < 0
                    || attempt >= maxRetriesOnTooManyRequests) {
                throw error;
            }
            try {
                Thread.sleep(Math.min(tooMany.retryAfterSeconds(), 60) * 1000L);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw error;
            }
        }
    }

    /**
     * Any request, for clients that work on raw JSON rather than typed records (the {@code tug} CLI, which
     * prints whatever the server sent and asks for Tables): the response body, or the ApiException for the
     * server's Status. {@code accept} replaces the default {@code application/json}.
     */
    public byte[] call(String method, String path, Map<String, String> query, byte[] body, String contentType,
                       String accept) throws ApiException {
        return send(method, path, query, body, contentType, accept).body();
    }

    /** A streaming GET (watch, followed log) with a chosen {@code Accept}; the caller closes the stream. */
    public InputStream openStream(String path, Map<String, String> query, String accept) throws ApiException {
        return stream("GET", path, query, accept);
    }

    /**
     * Opens a WebSocket to {@code path} (a {@code pods/x/exec} or {@code pods/x/attach}) with this client's TLS
     * settings and credentials. {@code query} may repeat a name ({@code command=sh&command=-c}); {@code subprotocols}
     * are offered in order of preference.
     */
    public java.util.concurrent.CompletableFuture<java.net.http.WebSocket> openWebSocket(String path,
            List<Map.Entry<String, String>> query, List<String> subprotocols, java.net.http.WebSocket.Listener listener) {
        StringBuilder uri = new StringBuilder(server.toString().replaceFirst("^http", "ws")).append(path);
        char sep = '?';
        for (Map.Entry<String, String> e : query) {
            uri.append(sep).append(URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8));
            sep = '&';
        }
        java.net.http.WebSocket.Builder builder = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10))
                .header("User-Agent", userAgent);
        if (!subprotocols.isEmpty()) {
            builder.subprotocols(subprotocols.get(0), subprotocols.subList(1, subprotocols.size()).toArray(String[]::new));
        }
        if (token != null && !token.isEmpty()) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder.buildAsync(URI.create(uri.toString()), listener);
    }

    /** Opens a streaming response (watch, log); the caller closes the stream. */
    InputStream stream(String method, String path, Map<String, String> query) throws ApiException {
        return stream(method, path, query, null);
    }

    private InputStream stream(String method, String path, Map<String, String> query, String accept) throws ApiException {
        HttpRequest.Builder builder = request(method, path, query, null, null);
        if (accept != null) {
            builder.setHeader("Accept", accept);
        }
        HttpRequest request = builder.build();
        HttpResponse<InputStream> response = exchange(request, HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() >= 400) {
            byte[] body;
            try (InputStream in = response.body()) {
                body = in.readNBytes(1 << 20);
            } catch (IOException e) {
                body = new byte[0];
            }
            throw toException(method, response.statusCode(), body, response);
        }
        return response.body();
    }

    private HttpRequest.Builder request(String method, String path, Map<String, String> query, byte[] body,
                                        String contentType) {
        StringBuilder uri = new StringBuilder(server.toString()).append(path);
        if (query != null && !query.isEmpty()) {
            char sep = '?';
            for (Map.Entry<String, String> e : query.entrySet()) {
                uri.append(sep).append(URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)).append('=')
                        .append(URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8));
                sep = '&';
            }
        }
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(uri.toString()))
                .header("Accept", "application/json")
                .header("User-Agent", userAgent)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            builder.header("Content-Type", contentType);
        }
        if (token != null && !token.isEmpty()) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder;
    }

    private <B> HttpResponse<B> exchange(HttpRequest request, HttpResponse.BodyHandler<B> handler) throws ApiException {
        try {
            limiter.acquire();
            return http.send(request, handler);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException.ServerErrorException(status(0, "Interrupted", "interrupted while calling "
                    + request.uri()), e);
        } catch (IOException e) {
            throw new ApiException.ServerErrorException(status(0, "ServiceUnavailable", request.method() + " "
                    + request.uri() + ": " + e), e);
        }
    }

    /**
     * The single place where an HTTP error becomes a typed exception. The body is the server's Status when it
     * sent one; otherwise one is made up from the code. A bare 409 is AlreadyExists for a POST and Conflict
     * otherwise, as client-go reads it.
     */
    static ApiException toException(String method, int code, byte[] body, HttpResponse<?> response) {
        Status status = parseStatus(body).orElse(status(code, null, new String(body, StandardCharsets.UTF_8).strip()));
        if (status.code() == null || status.code() == 0) {
            status = new Status(status.apiVersion(), status.kind(), status.metadata(), status.status(), status.message(),
                    status.reason(), status.details(), code);
        }
        return switch (code) {
            case 404 -> new ApiException.NotFoundException(status);
            case 409 -> "AlreadyExists".equals(status.reason()) || (status.reason() == null && method.equals("POST"))
                    ? new ApiException.AlreadyExistsException(status) : new ApiException.ConflictException(status);
            case 410 -> new ApiException.GoneException(status);
            case 422 -> new ApiException.InvalidException(status);
            case 429 -> new ApiException.TooManyRequestsException(status, retryAfter(response));
            default -> code >= 500 ? new ApiException.ServerErrorException(status, null) : new ApiException(status);
        };
    }

    private static int retryAfter(HttpResponse<?> response) {
        Optional<String> header = response == null ? Optional.empty() : response.headers().firstValue("Retry-After");
        try {
            return header.map(String::trim).map(Integer::parseInt).map(seconds -> Math.max(0, seconds)).orElse(-1);
        } catch (NumberFormatException e) {
            return -1; // an HTTP-date, which the API server never sends: not a delay we can honour
        }
    }

    static Optional<Status> parseStatus(byte[] body) {
        try {
            JsonNode tree = Codec.readTree(body, false);
            if (!"Status".equals(tree.path("kind").asText())) {
                return Optional.empty();
            }
            return Optional.of(Codec.fromTree(tree, Status.class).value());
        } catch (DecodeException | RuntimeException e) {
            return Optional.empty();
        }
    }

    static Status status(int code, String reason, String message) {
        return new Status("v1", "Status", new ListMeta(null, null, null, null), "Failure", message, reason, null, code);
    }

    static Map<String, String> query() {
        return new LinkedHashMap<>();
    }
}
