package io.tugboat.kubectl.resource;

import com.fasterxml.jackson.databind.JsonNode;
import io.tugboat.api.ResourceKind;
import io.tugboat.client.ApiException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;

/**
 * Waits on one object the way kubectl's {@code wait} and {@code delete --wait} do: read it, and if it is not
 * yet as wanted, watch it by name ({@code fieldSelector=metadata.name=X}) from the resourceVersion just read,
 * until it is, or the deadline passes. Level-triggered: every event re-checks the whole object, and a watch
 * the server ends is reopened from a fresh read.
 */
public final class Waiter {
    private final Api api;

    public Waiter(Api api) {
        this.api = api;
    }

    /**
     * Waits until the object is gone (404, or replaced by one with another uid).
     *
     * @param uid the uid of the object being deleted, or {@code null} for any
     * @return whether it went away before the timeout
     */
    public boolean untilDeleted(ResourceKind<?> kind, String namespace, String name, String uid, Duration timeout)
            throws ApiException {
        return until(kind, namespace, name, timeout, object -> object == null
                || uid != null && !uid.equals(object.path("metadata").path("uid").asText()));
    }

    /**
     * Waits until {@code condition} holds for the object ({@code null} passed when it does not exist).
     *
     * @return whether it held before the timeout
     */
    public boolean until(ResourceKind<?> kind, String namespace, String name, Duration timeout,
                         Predicate<JsonNode> condition) throws ApiException {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            JsonNode object;
            try {
                object = api.get(kind, namespace, name);
            } catch (ApiException.NotFoundException e) {
                object = null;
            }
            if (condition.test(object)) {
                return true;
            }
            long left = Duration.between(Instant.now(), deadline).toSeconds();
            if (left <= 0) {
                return false;
            }
            String rv = object == null ? null : object.path("metadata").path("resourceVersion").asText(null);
            try (InputStream in = api.watch(kind, namespace, null, "metadata.name=" + name, rv,
                    (int) Math.max(1, left), false)) {
                WatchFrames frames = new WatchFrames(in);
                for (JsonNode frame = frames.next(); frame != null; frame = frames.next()) {
                    String type = frame.path("type").asText();
                    if (type.equals("ERROR")) {
                        break;
                    }
                    if (type.equals("BOOKMARK")) {
                        continue;
                    }
                    JsonNode current = type.equals("DELETED") ? null : frame.path("object");
                    if (condition.test(current)) {
                        return true;
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
