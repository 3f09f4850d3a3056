package io.tugboat.apiserver.rest;

import io.tugboat.api.Codec;
import io.tugboat.api.ResourceKind;
import io.tugboat.api.meta.KubernetesObject;
import io.tugboat.apiserver.registry.ListOptions;
import io.tugboat.apiserver.registry.Registry;
import io.tugboat.apiserver.storage.WatchSink;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Serves {@code ?watch=true}: a chunked HTTP 200 response carrying one JSON object per line,
 * <pre>
 *   {"type":"ADDED","object":{...}}
 *   {"type":"MODIFIED","object":{...}}
 *   {"type":"BOOKMARK","object":{"kind":"Pod","apiVersion":"v1","metadata":{"resourceVersion":"1234"}}}
 *   {"type":"ERROR","object":{"kind":"Status","code":410,"reason":"Expired",...}}
 * </pre>
 * Each client has a bounded send buffer: when the socket cannot keep up and more than
 * {@link #MAX_PENDING_BYTES} are waiting, the watch is closed (the client re-watches from its last version)
 * so that one slow client never holds up the watch cache or the other clients.
 */
public final class WatchStreamer {
    /** Bytes that may wait for a slow client before its watch is closed. */
    static final long MAX_PENDING_BYTES = 16L * 1024 * 1024;

    private final Responses responses;
    private final ScheduledExecutorService scheduler;
    private final Duration bookmarkInterval;
    private final Duration minTimeout;

    public WatchStreamer(Responses responses, ScheduledExecutorService scheduler, Duration bookmarkInterval,
                         Duration minTimeout) {
        this.responses = responses;
        this.scheduler = scheduler;
        this.bookmarkInterval = bookmarkInterval;
        this.minTimeout = minTimeout;
    }

    /** One watch frame. */
    record Frame(String type, Object object) {
    }

    public Reply watch(ApiRequest request, Registry registry, String namespace, ListOptions options) {
        // Reject what can be rejected before the 200 goes out: bad field labels, malformed versions.
        registry.filter(namespace, options);
        if (options.resourceVersion() != null && !options.resourceVersion().isEmpty()) {
            Registry.parseVersion(options.resourceVersion());
        }
        boolean table = Negotiation.responseFormat(request) == Negotiation.Format.TABLE;
        return new StreamingReply(200, "application/json", stream -> {
            Sink sink = new Sink(request, registry.kind(), stream, table);
            AutoCloseable handle;
            try {
                handle = registry.watch(namespace, options, sink);
            } catch (ApiError e) {
                // As in Kubernetes, an expired version is reported inside a 200 response, as an ERROR event.
                stream.write(frame(new Frame("ERROR", e.status())));
                stream.close();
                return;
            }
            long timeoutMillis = options.timeoutSeconds() > 0 ? options.timeoutSeconds() * 1000
                    : minTimeout.toMillis() + ThreadLocalRandom.current().nextLong(Math.max(1, minTimeout.toMillis()));
            ScheduledFuture<?> timeout = scheduler.schedule(stream::close, timeoutMillis, TimeUnit.MILLISECONDS);
            ScheduledFuture<?> bookmarks = options.allowWatchBookmarks()
                    ? scheduler.scheduleAtFixedRate(() -> registry.cache().bookmark(sink, rv -> bookmark(registry.kind(), rv)),
                    bookmarkInterval.toMillis(), bookmarkInterval.toMillis(), TimeUnit.MILLISECONDS)
                    : null;
            stream.onClose(() -> {
                timeout.cancel(false);
                if (bookmarks != null) {
                    bookmarks.cancel(false);
                }
                try {
                    handle.close();
                } catch (Exception ignored) {
                    // closing a registration cannot fail in a way the client could act on
                }
            });
        });
    }

    static byte[] frame(Frame frame) {
        byte[] json = Codec.toJson(frame);
        byte[] line = new byte[json.length + 1];
        System.arraycopy(json, 0, line, 0, json.length);
        line[json.length] = '\n';
        return line;
    }

    /** A BOOKMARK carries an object of the watched kind with only its resourceVersion set. */
    private static KubernetesObject bookmark(ResourceKind<?> kind, long revision) {
        String json = "{\"apiVersion\":\"" + kind.apiVersion() + "\",\"kind\":\"" + kind.kind()
                + "\",\"metadata\":{\"resourceVersion\":\"" + revision + "\"}}";
        try {
            return Codec.fromJson(json.getBytes(StandardCharsets.UTF_8), kind.type()).value();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes events to one client's stream, giving up when the client falls too far behind. */
    private final class Sink implements WatchSink {
        private final ApiRequest request;
        private final ResourceKind<?> kind;
        private final ResponseStream stream;
        private final boolean table;
        private boolean headersSent;

        Sink(ApiRequest request, ResourceKind<?> kind, ResponseStream stream, boolean table) {
            this.request = request;
            this.kind = kind;
            this.stream = stream;
            this.table = table;
        }

        @Override
        public synchronized boolean offer(String type, KubernetesObject object) {
            if (!stream.isOpen() || stream.pendingBytes() > MAX_PENDING_BYTES) {
                return false;
            }
            Object payload = object;
            if (table && !type.equals("BOOKMARK")) {
                payload = responses.table(request, kind, List.of(object), null, !headersSent);
                headersSent = true;
            }
            return stream.write(frame(new Frame(type, payload)));
        }

        @Override
        public void terminate(String reason) {
            stream.close();
        }
    }
}
