package io.tugboat.client.informer;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with jitter for a reflector's retries: the base wait starts at {@code initial}, doubles
 * per failure up to {@code max}, and each actual wait is the base plus up to 100% random jitter, so that many
 * clients disconnected by one API server restart do not come back in lockstep. After {@code resetAfter}
 * without a wait, the base starts over — a watch that ran fine for minutes and then broke is not punished for
 * failures long past.
 *
 * <pre>
 *   failure   1          2           3           ...   7+
 *   base      800ms      1.6s        3.2s              30s (capped)
 *   wait      [0.8,1.6)  [1.6,3.2)   [3.2,6.4)         [30,60) seconds
 * </pre>
 * Same numbers as client-go's reflector ({@code wait.NewExponentialBackoffManager(800ms, 30s, 2m, 2.0, 1.0)}).
 * Used by one thread at a time (the reflector's).
 */
final class Backoff {
    private final Duration initial;
    private final Duration max;
    private final Duration resetAfter;
    private final Clock clock;
    private final RandomGenerator random;

    private Duration base;
    private Instant lastWait;

    Backoff(InformerOptions options) {
        this.initial = options.initialBackoff();
        this.max = options.maxBackoff();
        this.resetAfter = options.backoffResetAfter();
        this.clock = options.clock();
        this.random = options.random();
        this.base = initial;
    }

    /** How long to wait before the next attempt. */
    Duration next() {
        Instant now = clock.instant();
        if (lastWait != null && Duration.between(lastWait, now).compareTo(resetAfter) > 0) {
            base = initial;
        }
        lastWait = now;
        Duration wait = base.plusNanos((long) (base.toNanos() * random.nextDouble()));
        Duration doubled = base.multipliedBy(2);
        base = doubled.compareTo(max) > 0 ? max : doubled;
        return wait;
    }
}
