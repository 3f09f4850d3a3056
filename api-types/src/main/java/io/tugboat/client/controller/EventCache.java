package io.tugboat.client.controller;

import io.tugboat.api.Rfc3339;
import io.tugboat.api.core.Event;
import io.tugboat.api.core.EventSource;
import io.tugboat.api.core.ObjectReference;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An {@link EventRecorder}'s memory of the Events it wrote recently, so that an event happening again becomes
 * "count + 1" on the Event already stored instead of a new object (client-go's {@code eventLogger} in
 * {@code tools/record/events_cache.go}). A controller that fails to sync a pod every few seconds leaves one Event
 * with a climbing count, not thousands.
 *
 * <p>Two occurrences are the same event when their {@link Key}s are equal: same source, same involved object,
 * same type, reason and message. The involved object's {@code resourceVersion} is left out on purpose: it changes
 * with every write to the object, and "the same thing happened to the same pod again" is exactly what we want to
 * count. The memory is an LRU of bounded size: an event that has not recurred for a while is forgotten, and its
 * next occurrence creates a fresh Event.
 *
 * <p>A worked example (component {@code tug-scheduler}, pod {@code default/web-1}):
 * <pre>
 *   occurrence                                        cache   write
 *   Warning FailedScheduling "0/3 nodes available"    miss    create web-1.17c3a5e0d1a2b3c4  count 1
 *   Warning FailedScheduling "0/3 nodes available"    hit     patch  web-1.17c3a5e0d1a2b3c4  count 2
 *   Normal  Scheduled "assigned default/web-1 to n2"  miss    create web-1.17c3a5e1f0e1d2c3  count 1
 * </pre>
 *
 * <p>Not thread-safe: it is confined to the recorder's worker thread.
 */
final class EventCache {

    /** What makes two occurrences "the same event" (client-go's {@code getEventKey}, as a record). */
    record Key(String component, String host, String kind, String namespace, String name, String uid,
               String apiVersion, String fieldPath, String type, String reason, String message) {

        static Key of(Event event) {
            EventSource source = event.source() == null ? new EventSource(null, null) : event.source();
            ObjectReference ref = event.involvedObject();
            return new Key(source.component(), source.host(), ref.kind(), ref.namespace(), ref.name(), ref.uid(),
                    ref.apiVersion(), ref.fieldPath(), event.type(), event.reason(), event.message());
        }
    }

    /**
     * The write one occurrence calls for: {@code event} is ready to send, named and counted; {@code repeat} says
     * whether it exists on the server (patch its count) or is new (create it).
     */
    record Write(Key key, Event event, boolean repeat) {

        /** The merge patch that records a repeat on the stored Event. */
        String mergePatch() {
            return "{\"count\":" + event.count() + ",\"lastTimestamp\":\"" + Rfc3339.format(event.lastTimestamp()) + "\"}";
        }
    }

    /** What we know of an Event we wrote. */
    private record Seen(String name, int count, Instant firstTimestamp) {
    }

    private final Map<Key, Seen> seen;
    /** The last name suffix handed out, so names stay unique when the clock repeats itself. */
    private long lastNameNanos;

    /** A cache remembering at most {@code capacity} events (client-go keeps 4096). */
    EventCache(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive: " + capacity);
        }
        // Access order: a hit makes an entry the most recent, so the eldest is the least recently repeated.
        this.seen = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, Seen> eldest) {
                return size() > capacity;
            }
        };
    }

    /** Decides how to record {@code occurrence} (an Event with count 1 and no name yet). */
    Write plan(Event occurrence) {
        Key key = Key.of(occurrence);
        Seen before = seen.get(key);
        if (before == null) {
            String name = occurrence.involvedObject().name() + "." + Long.toHexString(nextNameNanos(occurrence.lastTimestamp()));
            return new Write(key, occurrence.withMetadata(occurrence.metadata().withName(name)), false);
        }
        Event repeat = occurrence.withMetadata(occurrence.metadata().withName(before.name()))
                .withFirstTimestamp(before.firstTimestamp())
                .withCount(before.count() + 1);
        return new Write(key, repeat, true);
    }

    /** Remembers an Event the server accepted, as the server stored it. */
    void remember(Key key, Event stored) {
        int count = stored.count() == null ? 1 : stored.count();
        seen.put(key, new Seen(stored.metadata().name(), count, stored.firstTimestamp()));
    }

    int size() {
        return seen.size();
    }

    /** Nanoseconds since the epoch for a name like Kubernetes' {@code <object>.<hex nanos>}, never repeated. */
    private long nextNameNanos(Instant at) {
        long nanos = at.getEpochSecond() * 1_000_000_000L + at.getNano();
        lastNameNanos = Math.max(nanos, lastNameNanos + 1);
        return lastNameNanos;
    }
}
