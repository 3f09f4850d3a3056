package io.tugboat.client.informer;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Random;
import java.util.random.RandomGenerator;

/**
 * The knobs of a reflector, shared informer or factory, with client-go's defaults. Time comes in through a
 * {@link Clock} and a {@link Sleeper}, randomness through a {@link RandomGenerator}, so tests replace all
 * three and run without waiting.
 *
 * @param clock             what "now" is (backoff reset, short-watch detection)
 * @param sleeper           how to wait (backoff, resync period)
 * @param resyncPeriod      how often to re-deliver every cached object as an update; {@link Duration#ZERO} never
 * @param initialBackoff    the first wait after a failed list or watch (client-go: 800ms)
 * @param maxBackoff        the longest base wait; with jitter a wait can be up to twice this (client-go: 30s)
 * @param backoffResetAfter after this long without a failure, the next one starts again at {@code initialBackoff}
 *                          (client-go: 2 minutes)
 * @param minWatchTimeout   each watch asks the server to end it after a random time in [min, 2·min], so
 *                          watches of many clients do not all restart together (client-go: 5 minutes)
 * @param random            the source of jitter; must be safe to use from several threads
 */
public record InformerOptions(Clock clock, Sleeper sleeper, Duration resyncPeriod, Duration initialBackoff,
                              Duration maxBackoff, Duration backoffResetAfter, Duration minWatchTimeout,
                              RandomGenerator random) {

    public InformerOptions {
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(sleeper, "sleeper");
        Objects.requireNonNull(random, "random");
        requireNotNegative(resyncPeriod, "resyncPeriod");
        requirePositive(initialBackoff, "initialBackoff");
        requirePositive(maxBackoff, "maxBackoff");
        requirePositive(backoffResetAfter, "backoffResetAfter");
        requirePositive(minWatchTimeout, "minWatchTimeout");
    }

    /** The system clock, real sleeps, no resync, and client-go's backoff and watch timeouts. */
    public static InformerOptions defaults() {
        return new InformerOptions(Clock.systemUTC(), Sleeper.system(), Duration.ZERO, Duration.ofMillis(800),
                Duration.ofSeconds(30), Duration.ofMinutes(2), Duration.ofMinutes(5), new Random());
    }

    public InformerOptions withClock(Clock clock) {
        return new InformerOptions(clock, sleeper, resyncPeriod, initialBackoff, maxBackoff, backoffResetAfter,
                minWatchTimeout, random);
    }

    public InformerOptions withSleeper(Sleeper sleeper) {
        return new InformerOptions(clock, sleeper, resyncPeriod, initialBackoff, maxBackoff, backoffResetAfter,
                minWatchTimeout, random);
    }

    public InformerOptions withResyncPeriod(Duration resyncPeriod) {
        return new InformerOptions(clock, sleeper, resyncPeriod, initialBackoff, maxBackoff, backoffResetAfter,
                minWatchTimeout, random);
    }

    public InformerOptions withBackoff(Duration initialBackoff, Duration maxBackoff) {
        return new InformerOptions(clock, sleeper, resyncPeriod, initialBackoff, maxBackoff, backoffResetAfter,
                minWatchTimeout, random);
    }

    public InformerOptions withMinWatchTimeout(Duration minWatchTimeout) {
        return new InformerOptions(clock, sleeper, resyncPeriod, initialBackoff, maxBackoff, backoffResetAfter,
                minWatchTimeout, random);
    }

    public InformerOptions withRandom(RandomGenerator random) {
        return new InformerOptions(clock, sleeper, resyncPeriod, initialBackoff, maxBackoff, backoffResetAfter,
                minWatchTimeout, random);
    }

    private static void requireNotNegative(Duration duration, String name) {
        Objects.requireNonNull(duration, name);
        if (duration.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative: " + duration);
        }
    }

    private static void requirePositive(Duration duration, String name) {
        requireNotNegative(duration, name);
        if (duration.isZero()) {
            throw new IllegalArgumentException(name + " must be positive");
        }
    }
}
