package io.tugboat.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.tugboat.api.Codec;
import io.tugboat.api.DecodeException;
import io.tugboat.api.ResourceKind;
import io.tugboat.api.ResourceKinds;
import io.tugboat.api.autoscaling.Scale;
import io.tugboat.api.core.Binding;
import io.tugboat.api.core.ObjectReference;
import io.tugboat.api.meta.DeleteOptions;
import io.tugboat.api.meta.KubernetesObject;
import io.tugboat.api.meta.ListMeta;
import io.tugboat.api.meta.ObjectList;
import io.tugboat.api.meta.ObjectMeta;
import io.tugboat.api.policy.Eviction;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Typed access to one kind, in one namespace or across all: the verbs of the Kubernetes API as methods.
 * Instances are immutable and cheap; {@link #inNamespace} returns a narrowed copy.
 *
 * <pre>{@code
 * ResourceClient<Pod> pods = client.resources(ResourceKinds.PODS).inNamespace("default");
 * Pod pod = pods.get("web-1");
 * pods.updateStatus(pod.withStatus(...));
 * try (WatchStream<Pod> watch = pods.watch(ListOptions.none().withResourceVersion(rv))) { ... }
 * }</pre>
 */
public final class ResourceClient<T extends KubernetesObject> implements ListerWatcher<T>, ObjectClient<T> {
    /** Patch content types the API server accepts. */
    public enum PatchType {
        MERGE("application/merge-patch+json"),
        JSON("application/json-patch+json"),
        STRATEGIC("application/strategic-merge-patch+json");

        private final String contentType;

        PatchType(String contentType) {
            this.contentType = contentType;
        }

        public String contentType() {
            return contentType;
        }
    }

    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "tugboat-watch-watchdog");
        thread.setDaemon(true);
        return thread;
    });

    private final ApiClient client;
    private final ResourceKind<T> kind;
    private final String namespace;

    ResourceClient(ApiClient client, ResourceKind<T> kind, String namespace) {
        this.client = client;
        this.kind = kind;
        this.namespace = namespace;
    }

    /** The same client, restricted to one namespace ({@code null}: all namespaces). */
    @Override
    public ResourceClient<T> inNamespace(String namespace) {
        if (!kind.namespaced() && namespace != null) {
            throw new IllegalArgumentException(kind.plural() + " are not namespaced");
        }
        return new ResourceClient<>(client, kind, namespace);
    }

    public ResourceKind<T> kind() {
        return kind;
    }

    public String namespace() {
        return namespace;
    }

    private String collectionPath(String ns) {
        String base = kind.groupVersionPath();
        return kind.namespaced() && ns != null ? base + "/namespaces/" + ns + "/" + kind.plural() : base + "/" + kind.plural();
    }

    private String itemPath(String ns, String name) {
        requireNamespace(ns);
        return collectionPath(ns) + "/" + name;
    }

    private void requireNamespace(String ns) {
        if (kind.namespaced() && ns == null) {
            throw new IllegalStateException(kind.plural() + " are namespaced: use inNamespace(...) for this call");
        }
    }

    private String namespaceOf(T object) {
        if (!kind.namespaced()) {
            return null;
        }
        String ns = object.metadata() == null ? null : object.metadata().namespace();
        return ns != null && !ns.isEmpty() ? ns : namespace;
    }

    private T decode(byte[] body) throws ApiException {
        try {
            return Codec.fromJson(body, kind.type()).value();
        } catch (DecodeException e) {
            throw new ApiException.ServerErrorException(ApiClient.status(0, "InternalError",
                    "cannot decode " + kind.kind() + ": " + e.getMessage()), e);
        }
    }

    // ------------------------------------------------------------------ read

    @Override
    public T get(String name) throws ApiException {
        return decode(client.send("GET", itemPath(namespace, name), null, null, null).body());
    }

    /** Every matching object, following continue tokens; the result's resourceVersion is the first page's. */
    @Override
    public ObjectList<T> list(ListOptions options) throws ApiException {
        List<T> items = new ArrayList<>();
        String continueToken = null;
        String version = null;
        do {
            ObjectList<T> page = listPage(options, continueToken);
            items.addAll(page.items());
            if (version == null) {
                version = page.metadata() == null ? null : page.metadata().resourceVersion();
            }
            continueToken = page.metadata() == null ? null : page.metadata().continueToken();
        } while (continueToken != null && !continueToken.isEmpty());
        return new ObjectList<>(kind.apiVersion(), kind.listKind(), new ListMeta(null, version, null, null), items);
    }

    /** One page of a list. */
    public ObjectList<T> listPage(ListOptions options, String continueToken) throws ApiException {
        Map<String, String> query = query(options);
        if (continueToken != null) {
            query.put("continue", continueToken);
            query.remove("resourceVersion");
        }
        byte[] body = client.send("GET", collectionPath(namespace), query, null, null).body();
        try {
            return Codec.listFromJson(body, kind.type()).value();
        } catch (DecodeException e) {
            throw new ApiException.ServerErrorException(ApiClient.status(0, "InternalError",
                    "cannot decode " + kind.listKind() + ": " + e.getMessage()), e);
        }
    }

    private static Map<String, String> query(ListOptions options) {
        Map<String, String> query = ApiClient.query();
        if (options.labelSelector() != null && !options.labelSelector().isEmpty()) {
            query.put("labelSelector", options.labelSelector());
        }
        if (options.fieldSelector() != null && !options.fieldSelector().isEmpty()) {
            query.put("fieldSelector", options.fieldSelector());
        }
        if (options.resourceVersion() != null) {
            query.put("resourceVersion", options.resourceVersion());
        }
        if (options.limit() != null) {
            query.put("limit", Long.toString(options.limit()));
        }
        return query;
    }

    // ------------------------------------------------------------------ write

    @Override
    public T create(T object) throws ApiException {
        String ns = namespaceOf(object);
        requireNamespace(ns);
        return decode(client.send("POST", collectionPath(ns), null, Codec.toJson(object), "application/json").body());
    }

    /** PUT: fails with {@link ApiException.ConflictException} if the object changed since its resourceVersion. */
    @Override
    public T update(T object) throws ApiException {
        return decode(client.send("PUT", itemPath(namespaceOf(object), object.metadata().name()), null,
                Codec.toJson(object), "application/json").body());
    }

    /** PUT to {@code /status}: only the status is written. */
    @Override
    public T updateStatus(T object) throws ApiException {
        return decode(client.send("PUT", itemPath(namespaceOf(object), object.metadata().name()) + "/status", null,
                Codec.toJson(object), "application/json").body());
    }

    public T patch(String name, PatchType type, String patch) throws ApiException {
        return decode(client.send("PATCH", itemPath(namespace, name), null, patch.getBytes(StandardCharsets.UTF_8),
                type.contentType()).body());
    }

    @Override
    public T mergePatch(String name, String patch) throws ApiException {
        return patch(name, PatchType.MERGE, patch);
    }

    public T patchStatus(String name, PatchType type, String patch) throws ApiException {
        return decode(client.send("PATCH", itemPath(namespace, name) + "/status", null,
                patch.getBytes(StandardCharsets.UTF_8), type.contentType()).body());
    }

    public void delete(String name) throws ApiException {
        delete(name, null);
    }

    /** DELETE with options (grace period, preconditions, propagation policy). */
    @Override
    public void delete(String name, DeleteOptions options) throws ApiException {
        client.send("DELETE", itemPath(namespace, name), null, options == null ? null : Codec.toJson(options),
                options == null ? null : "application/json");
    }

    // ------------------------------------------------------------------ subresources

    /** POST {@code pods/{name}/binding}: assigns the pod to a node (pods only). */
    public void bind(String podName, String nodeName) throws ApiException {
        if (kind != ResourceKinds.PODS) {
            throw new IllegalStateException("only pods can be bound");
        }
        ObjectMeta meta = new ObjectMeta(podName, null, namespace, null, null, null, null, null, null, null, null, null, null, null);
        Binding binding = Binding.of(meta, new ObjectReference("Node", null, nodeName, null, "v1", null, null));
        client.send("POST", itemPath(namespace, podName) + "/binding", null, Codec.toJson(binding), "application/json");
    }

    /**
     * POST {@code pods/{name}/eviction}: deletes the pod with {@code options} (may be null) unless a disruption
     * budget forbids it, which the server answers with 429 ({@link ApiException} with code 429).
     */
    public void evict(String podName, DeleteOptions options) throws ApiException {
        if (kind != ResourceKinds.PODS) {
            throw new IllegalStateException("only pods can be evicted");
        }
        ObjectMeta meta = new ObjectMeta(podName, null, namespace, null, null, null, null, null, null, null, null, null, null, null);
        client.send("POST", itemPath(namespace, podName) + "/eviction", null, Codec.toJson(Eviction.of(meta, options)),
                "application/json");
    }

    /**
     * PUT {@code namespaces/{name}/finalize}: replaces the namespace's {@code spec.finalizers}, the only way to
     * change them. The namespace controller removes {@code kubernetes} this way once the namespace is empty;
     * removing the last finalizer of a namespace being deleted deletes it.
     */
    public T finalizeNamespace(T namespace) throws ApiException {
        if (kind != ResourceKinds.NAMESPACES) {
            throw new IllegalStateException("only namespaces have a finalize subresource");
        }
        return decode(client.send("PUT", itemPath(null, namespace.metadata().name()) + "/finalize", null,
                Codec.toJson(namespace), "application/json").body());
    }

    /** GET {@code .../scale}. */
    public Scale getScale(String name) throws ApiException {
        byte[] body = client.send("GET", itemPath(namespace, name) + "/scale", null, null, null).body();
        try {
            return Codec.fromJson(body, Scale.class).value();
        } catch (DecodeException e) {
            throw new ApiException.ServerErrorException(ApiClient.status(0, "InternalError", e.getMessage()), e);
        }
    }

    /** Sets {@code spec.replicas} through the scale subresource, as {@code kubectl scale} does. */
    public Scale scale(String name, int replicas) throws ApiException {
        byte[] body = client.send("PATCH", itemPath(namespace, name) + "/scale", null,
                ("{\"spec\":{\"replicas\":" + replicas + "}}").getBytes(StandardCharsets.UTF_8),
                PatchType.MERGE.contentType()).body();
        try {
            return Codec.fromJson(body, Scale.class).value();
        } catch (DecodeException e) {
            throw new ApiException.ServerErrorException(ApiClient.status(0, "InternalError", e.getMessage()), e);
        }
    }

    /**
     * The log of a pod's container as a stream ({@code follow} keeps it open while the container runs).
     * The caller closes it.
     */
    public InputStream log(String podName, String container, boolean follow, Integer tailLines, boolean previous)
            throws ApiException {
        Map<String, String> query = ApiClient.query();
        if (container != null) {
            query.put("container", container);
        }
        if (follow) {
            query.put("follow", "true");
        }
        if (tailLines != null) {
            query.put("tailLines", Integer.toString(tailLines));
        }
        if (previous) {
            query.put("previous", "true");
        }
        return client.stream("GET", itemPath(namespace, podName) + "/log", query);
    }

    // ------------------------------------------------------------------ watch

    /**
     * Opens a watch. Without a timeout the server is asked to end it after 5-10 minutes (as client-go's
     * reflector does), and if nothing at all arrives for that long plus 30 s the connection is taken for dead
     * and {@link WatchStream#next()} throws.
     */
    @Override
    public WatchStream<T> watch(ListOptions options) throws ApiException {
        Map<String, String> query = query(options);
        query.remove("limit");
        query.put("watch", "true");
        int timeout = options.timeoutSeconds() != null ? options.timeoutSeconds()
                : 300 + ThreadLocalRandom.current().nextInt(300);
        query.put("timeoutSeconds", Integer.toString(timeout));
        if (options.allowWatchBookmarks()) {
            query.put("allowWatchBookmarks", "true");
        }
        InputStream in = client.stream("GET", collectionPath(namespace), query);
        return new HttpWatchStream<>(in, kind, (timeout + 30) * 1000L);
    }

    /** Reads newline-delimited watch frames; a watchdog closes the stream when it goes silent. */
    private static final class HttpWatchStream<T extends KubernetesObject> implements WatchStream<T> {
        private final InputStream in;
        private final BufferedReader reader;
        private final ResourceKind<T> kind;
        private final AtomicLong lastActivity = new AtomicLong(System.nanoTime());
        private final ScheduledFuture<?> watchdog;
        private volatile boolean closed;
        private volatile boolean timedOut;

        HttpWatchStream(InputStream in, ResourceKind<T> kind, long idleMillis) {
            this.in = in;
            this.reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            this.kind = kind;
            long check = Math.max(1000, idleMillis / 4);
            this.watchdog = WATCHDOG.scheduleAtFixedRate(() -> {
                if ((System.nanoTime() - lastActivity.get()) / 1_000_000 > idleMillis) {
                    timedOut = true;
                    close();
                }
            }, check, check, TimeUnit.MILLISECONDS);
        }

        @Override
        public WatchEvent<T> next() throws ApiException {
            String line;
            try {
                do {
                    line = reader.readLine();
                    lastActivity.set(System.nanoTime());
                } while (line != null && line.isBlank());
            } catch (IOException e) {
                if (closed && !timedOut) {
                    return null;
                }
                close();
                throw new ApiException.ServerErrorException(ApiClient.status(0, "ServiceUnavailable",
                        timedOut ? "watch connection went silent" : "watch connection broken: " + e), e);
            }
            if (line == null) {
                close();
                if (timedOut) {
                    throw new ApiException.ServerErrorException(ApiClient.status(0, "ServiceUnavailable",
                            "watch connection went silent"), null);
                }
                return null;
            }
            try {
                JsonNode frame = Codec.readTree(line.getBytes(StandardCharsets.UTF_8), false);
                WatchEvent.Type type = WatchEvent.Type.valueOf(frame.path("type").asText());
                if (type == WatchEvent.Type.ERROR) {
                    return new WatchEvent<>(type, null, Codec.fromTree(frame.get("object"), io.tugboat.api.meta.Status.class).value());
                }
                return new WatchEvent<>(type, Codec.fromTree(frame.get("object"), kind.type()).value(), null);
            } catch (DecodeException | IllegalArgumentException e) {
                close();
                throw new ApiException.ServerErrorException(ApiClient.status(0, "InternalError",
                        "undecodable watch frame: " + e.getMessage()), e);
            }
        }

        @Override
        public void close() {
            closed = true;
            watchdog.cancel(false);
            try {
                in.close();
            } catch (IOException ignored) {
                // already broken
            }
        }
    }
}
