package io.tugboat.controllermanager.common;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a controller is still waiting to see in its informer after its own creates and deletes, per controller key
 * (Kubernetes' {@code ControllerExpectations} with {@code UIDTrackingControllerExpectations} for deletions).
 *
 * <p>Why: a ReplicaSet controller that creates 3 pods and is woken again a moment later still sees the old cache,
 * without the 3 pods. Acting on it would create 3 more. So before writing it records what it expects, the pod
 * event handlers count the writes off as they arrive, and {@code reconcile} only creates or deletes once the
 * expectations are {@linkplain #satisfied met}:
 *
 * <pre>
 *   reconcile: need 3 more pods ─▶ expectCreations(rs, 3) ─▶ POST, POST, POST
 *   reconcile (woken by anything) ─▶ satisfied(rs)? no (3 outstanding) ─▶ only update status
 *   pod handler: ADDED pod of rs  ─▶ creationObserved(rs)        3 ─▶ 2 ─▶ 1 ─▶ 0
 *   reconcile ─▶ satisfied(rs)? yes ─▶ compare pods with spec.replicas again
 * </pre>
 *
 * Deletions are tracked by pod key, not by count, so that the same pod seen deleted twice (first marked with a
 * deletionTimestamp, then gone) counts once. A create that failed is counted off at once by the controller
 * ({@link #creationObserved}), since no event will ever come for it. Expectations older than {@link #TTL} count as
 * met: an event lost for good (it cannot be, with informers, but a bug should not wedge a ReplicaSet forever).
 *
 * <p>Thread-safe: handlers and workers call it concurrently.
 */
public final class Expectations {
    /** Kubernetes' {@code ExpectationsTimeout}. */
    public static final Duration TTL = Duration.ofMinutes(5);

    /** Outstanding creates (a count) and deletes (pod keys) for one controller, and when they were set. */
    private static final class Entry {
        int adds;
        final Set<String> deletes = new HashSet<>();
        final Instant since;

        Entry(Instant since) {
            this.since = since;
        }
    }

    private final Clock clock;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    public Expectations(Clock clock) {
        this.clock = clock;
    }

    /**
     * True when the controller may act on its cache: nothing is expected for {@code key}, everything expected has
     * been observed, or the expectations have expired.
     */
    public boolean satisfied(String key) {
        Entry entry = entries.get(key);
        if (entry == null) {
            return true;
        }
        synchronized (entry) {
            return (entry.adds <= 0 && entry.deletes.isEmpty()) || expired(entry);
        }
    }

    /** How long until the expectations of {@code key} expire, if they are outstanding; zero otherwise. */
    public Duration timeToExpiry(String key) {
        Entry entry = entries.get(key);
        if (entry == null) {
            return Duration.ZERO;
        }
        Duration left = Duration.between(clock.instant(), entry.since.plus(TTL));
        return left.isNegative() ? Duration.ZERO : left;
    }

    private boolean expired(Entry entry) {
        return !clock.instant().isBefore(entry.since.plus(TTL));
    }

    /** The controller is about to create {@code count} objects; replaces whatever was expected before. */
    public void expectCreations(String key, int count) {
        Entry entry = new Entry(clock.instant());
        entry.adds = count;
        entries.put(key, entry);
    }

    /** The controller is about to delete the objects with these keys; replaces whatever was expected before. */
    public void expectDeletions(String key, Collection<String> objectKeys) {
        Entry entry = new Entry(clock.instant());
        entry.deletes.addAll(objectKeys);
        entries.put(key, entry);
    }

    /** One expected create arrived (or failed and never will). */
    public void creationObserved(String key) {
        Entry entry = entries.get(key);
        if (entry != null) {
            synchronized (entry) {
                entry.adds--;
            }
        }
    }

    /** The object {@code objectKey} was seen deleted (or its delete failed); counts only if it was expected. */
    public void deletionObserved(String key, String objectKey) {
        Entry entry = entries.get(key);
        if (entry != null) {
            synchronized (entry) {
                entry.deletes.remove(objectKey);
            }
        }
    }

    /** Forgets {@code key}: its controller object is gone. */
    public void forget(String key) {
        entries.remove(key);
    }
}
