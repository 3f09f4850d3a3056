package io.tugboat.controllermanager.nodelifecycle;

import java.time.Duration;
import java.time.Instant;

/**
 * A token bucket of one token on an injected clock: at most {@code rate} grants per second, the first at
 * once. Kubernetes' per-zone {@code RateLimitedTimedQueue} uses a bucket of burst 1 the same way. The rate may
 * change as the zone's state changes; a rate of 0 grants nothing.
 */
final class EvictionLimiter {
    private Instant lastGrant;

    /** Takes the token if it is there at {@code now}; otherwise returns how long until it is (null: never). */
    synchronized Duration tryAcquire(Instant now, double rate) {
        if (rate <= 0) {
            return null;
        }
        Duration interval = Duration.ofNanos((long) (1_000_000_000L / rate));
        if (lastGrant == null || !now.isBefore(lastGrant.plus(interval))) {
            lastGrant = now;
            return Duration.ZERO;
        }
        return Duration.between(now, lastGrant.plus(interval));
    }
}
