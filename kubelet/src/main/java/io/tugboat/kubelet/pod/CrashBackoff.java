package io.tugboat.kubelet.pod;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Kubernetes' restart backoff ({@code flowcontrol.Backoff} as the kubelet uses it): the first restart of a
 * container is immediate, the next waits 10 s, then 20 s, 40 s... up to 5 minutes; a container that ran for 10
 * minutes before it exited starts over.
 *
 * <pre>
 *   exit #1 ─▶ restart now        (next delay 10 s)
 *   exit #2 ─▶ wait 10 s, restart (next delay 20 s)
 *   exit #3 ─▶ wait 20 s, restart ...         capped at 300 s
 * </pre>
 *
 * <p>The delay is counted from the moment the container exited, so a kubelet that was busy elsewhere does not add
 * to it. Keys are {@code <pod uid>/<container name>} (or any string: image pulls use their own keys). Thread-safe.
 */
public final class CrashBackoff {
    private final Clock clock;
    private final Duration initial;
    private final Duration max;
    private final Duration resetAfter;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    private record Entry(Duration delay, Instant lastUpdate) {
    }

    /** Kubernetes' figures: 10 s doubling to 300 s, reset after 10 minutes of running. */
    public static CrashBackoff kubernetesDefaults(Clock clock) {
        return new CrashBackoff(clock, Duration.ofSeconds(10), Duration.ofSeconds(300), Duration.ofMinutes(10));
    }

    public CrashBackoff(Clock clock, Duration initial, Duration max, Duration resetAfter) {
        this.clock = clock;
        this.initial = initial;
        this.max = max;
        this.resetAfter = resetAfter;
    }

    /**
     * How long {@code key}, which exited at {@code finishedAt}, must still wait before its next restart; zero if it
     * may restart now.
     */
    public Duration remaining(String key, Instant finishedAt) {
        Entry e = entries.get(key);
        if (e == null || finishedAt == null) {
            return Duration.ZERO;
        }
        Duration left = Duration.between(clock.instant(), finishedAt.plus(e.delay()));
        return left.isNegative() ? Duration.ZERO : left;
    }

    /** The current delay of {@code key} (zero if none): for messages like "back-off 20s restarting...". */
    public Duration delay(String key) {
        Entry e = entries.get(key);
        return e == null ? Duration.ZERO : e.delay();
    }

    /**
     * Records a restart of {@code key}: the next one will wait longer. {@code ranFor} is how long the exited attempt
     * had run; a long run resets the delay.
     */
    public void next(String key, Duration ranFor) {
        Instant now = clock.instant();
        entries.compute(key, (k, e) -> {
            if (e == null || (ranFor != null && ranFor.compareTo(resetAfter) >= 0)
                    || Duration.between(e.lastUpdate(), now).compareTo(max.multipliedBy(2)) > 0) {
                return new Entry(initial, now);
            }
            Duration doubled = e.delay().multipliedBy(2);
            return new Entry(doubled.compareTo(max) > 0 ? max : doubled, now);
        });
    }

    /** Forgets every key starting with {@code prefix} (a pod's uid, when the pod is gone). */
    public void forget(String prefix) {
        entries.keySet().removeIf(k -> k.startsWith(prefix));
    }
}
