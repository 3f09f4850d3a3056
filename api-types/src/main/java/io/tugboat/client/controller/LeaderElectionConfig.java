package io.tugboat.client.controller;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * How a {@link LeaderElector} competes for one Lease: which Lease, who we are, the three durations, and what
 * to do when leadership comes and goes. Build one with {@link #builder}; the durations are checked against
 * each other when the config is made, because the safety of the election rests on their order:
 *
 * <pre>
 *   retryPeriod × 1.2  &lt;  renewDeadline  &lt;  leaseDuration
 *
 *   leaseDuration  how long a candidate waits, after it last saw the Lease change, before taking it over.
 *                  Written into the Lease (whole seconds), so every candidate waits the holder's duration.
 *   renewDeadline  how long the leader keeps trying to renew before it gives up leading. It must be
 *                  shorter than leaseDuration: the difference is the margin by which the old leader has
 *                  stopped before anyone else may start (see {@link LeaderElector}).
 *   retryPeriod    how often the leader renews and candidates look; at least one retry must fit inside
 *                  renewDeadline, with room for jitter.
 * </pre>
 *
 * <p>The defaults are client-go's and kube-scheduler's: 15 s, 10 s, 2 s.
 *
 * <p>Callbacks run on the thread that called {@link LeaderElector#run()}, one at a time and in order:
 * {@code onStartedLeading} and {@code onStoppedLeading} alternate, starting with the former. They must return
 * promptly (start or stop work on other threads), and {@code onStoppedLeading} must return only once the
 * work guarded by the lease has stopped: with {@link #releaseOnCancel} the Lease is released right after it
 * returns, and another candidate may start leading at once.
 *
 * @param leaseNamespace  namespace of the Lease ({@code kube-system} for control-plane components)
 * @param leaseName       name of the Lease, one per group of replicas ({@code tug-scheduler})
 * @param identity        who we are; must be unique per process <em>and per run</em> (see {@link #uniqueIdentity}):
 *                        a candidate that finds its own identity in the Lease renews it without waiting
 * @param leaseDuration   whole seconds, at least 1
 * @param renewDeadline   shorter than {@code leaseDuration}
 * @param retryPeriod     shorter than {@code renewDeadline / 1.2}
 * @param releaseOnCancel on {@link LeaderElector#stop()}, empty the Lease so another candidate takes over at once
 *                        instead of waiting out {@code leaseDuration}
 * @param clock           the clock every decision is measured with; by default a monotonic one (see
 *                        {@link #monotonicClock()})
 * @param onStartedLeading called when this candidate becomes leader
 * @param onStoppedLeading called when it stops (lost the Lease, could not renew in time, or was stopped)
 * @param onNewLeader     called with the holder's identity whenever the observed holder changes (ourselves
 *                        included); not called while the Lease is released and nobody holds it
 */
public record LeaderElectionConfig(
        String leaseNamespace,
        String leaseName,
        String identity,
        Duration leaseDuration,
        Duration renewDeadline,
        Duration retryPeriod,
        boolean releaseOnCancel,
        Clock clock,
        Runnable onStartedLeading,
        Runnable onStoppedLeading,
        Consumer<String> onNewLeader) {

    /** Retry waits are stretched by up to this factor at random, as client-go's {@code JitterFactor}. */
    static final double JITTER_FACTOR = 1.2;

    /** Checks the invariants; see the class comment for why each one matters. */
    public LeaderElectionConfig {
        requireText(leaseNamespace, "leaseNamespace");
        requireText(leaseName, "leaseName");
        requireText(identity, "identity");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(onStartedLeading, "onStartedLeading");
        Objects.requireNonNull(onStoppedLeading, "onStoppedLeading");
        Objects.requireNonNull(onNewLeader, "onNewLeader");
        requirePositive(leaseDuration, "leaseDuration");
        requirePositive(renewDeadline, "renewDeadline");
        requirePositive(retryPeriod, "retryPeriod");
        // The Lease carries whole seconds; a duration of 2.5 s would be read by the others as 2 s and eat the margin.
        if (leaseDuration.toNanos() % 1_000_000_000L != 0) {
            throw new IllegalArgumentException("leaseDuration must be whole seconds (the Lease stores seconds): "
                    + leaseDuration);
        }
        if (renewDeadline.compareTo(leaseDuration) >= 0) {
            throw new IllegalArgumentException("renewDeadline (" + renewDeadline + ") must be shorter than leaseDuration ("
                    + leaseDuration + "): the leader must give up before anyone may take the Lease over");
        }
        if (renewDeadline.toNanos() <= (long) (retryPeriod.toNanos() * JITTER_FACTOR)) {
            throw new IllegalArgumentException("renewDeadline (" + renewDeadline + ") must be longer than retryPeriod × "
                    + JITTER_FACTOR + " (" + retryPeriod + "): the leader needs time for at least one retry");
        }
    }

    /** A config for the Lease {@code namespace/name}, competing as {@code identity}, with every default. */
    public static Builder builder(String leaseNamespace, String leaseName, String identity) {
        return new Builder(leaseNamespace, leaseName, identity);
    }

    /**
     * {@code prefix_<random uuid>}: an identity unique to this run, as kube-scheduler builds {@code hostname_uuid}.
     * Reusing an identity across restarts is a trap: a restarted process finding its old identity in a Lease that
     * has not yet expired would renew it at once, while a successor might already be leading.
     */
    public static String uniqueIdentity(String prefix) {
        return prefix + "_" + UUID.randomUUID();
    }

    /**
     * A UTC clock that reads the system clock once and then advances with {@link System#nanoTime()}. Wall
     * clocks jump (NTP steps, an operator fixing the date); the election measures durations and must not jump
     * with them. The instants it reports start at the wall time and drift from it only as fast as NTP slews.
     */
    public static Clock monotonicClock() {
        return MonotonicClock.INSTANCE;
    }

    /** The {@code leaseDurationSeconds} written into the Lease. */
    int leaseDurationSeconds() {
        return Math.toIntExact(leaseDuration.toSeconds());
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be empty");
        }
    }

    private static void requirePositive(Duration value, String name) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive: " + value);
        }
    }

    /** Builds a {@link LeaderElectionConfig}; every setting but the Lease and identity has a default. */
    public static final class Builder {
        private final String leaseNamespace;
        private final String leaseName;
        private final String identity;
        private Duration leaseDuration = Duration.ofSeconds(15);
        private Duration renewDeadline = Duration.ofSeconds(10);
        private Duration retryPeriod = Duration.ofSeconds(2);
        private boolean releaseOnCancel = true;
        private Clock clock = monotonicClock();
        private Runnable onStartedLeading = () -> { };
        private Runnable onStoppedLeading = () -> { };
        private Consumer<String> onNewLeader = identity -> { };

        private Builder(String leaseNamespace, String leaseName, String identity) {
            this.leaseNamespace = leaseNamespace;
            this.leaseName = leaseName;
            this.identity = identity;
        }

        /** Default 15 s; whole seconds. */
        public Builder leaseDuration(Duration leaseDuration) {
            this.leaseDuration = leaseDuration;
            return this;
        }

        /** Default 10 s. */
        public Builder renewDeadline(Duration renewDeadline) {
            this.renewDeadline = renewDeadline;
            return this;
        }

        /** Default 2 s. */
        public Builder retryPeriod(Duration retryPeriod) {
            this.retryPeriod = retryPeriod;
            return this;
        }

        /**
         * Default {@code true}, unlike client-go: {@code onStoppedLeading} returns only after the guarded work
         * has stopped, so releasing afterwards is safe, and it turns a planned restart's failover from
         * {@code leaseDuration} into one {@code retryPeriod}.
         */
        public Builder releaseOnCancel(boolean releaseOnCancel) {
            this.releaseOnCancel = releaseOnCancel;
            return this;
        }

        /** Default {@link #monotonicClock()}; tests pass a fake one. */
        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        public Builder onStartedLeading(Runnable callback) {
            this.onStartedLeading = callback;
            return this;
        }

        public Builder onStoppedLeading(Runnable callback) {
            this.onStoppedLeading = callback;
            return this;
        }

        public Builder onNewLeader(Consumer<String> callback) {
            this.onNewLeader = callback;
            return this;
        }

        /** @throws IllegalArgumentException when the durations are out of order (see the class comment) */
        public LeaderElectionConfig build() {
            return new LeaderElectionConfig(leaseNamespace, leaseName, identity, leaseDuration, renewDeadline,
                    retryPeriod, releaseOnCancel, clock, onStartedLeading, onStoppedLeading, onNewLeader);
        }
    }

    /** See {@link #monotonicClock()}. */
    private static final class MonotonicClock extends Clock {
        static final MonotonicClock INSTANCE = new MonotonicClock();

        private final Instant origin = Instant.now();
        private final long originNanos = System.nanoTime();

        @Override
        public Instant instant() {
            return origin.plusNanos(System.nanoTime() - originNanos);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            if (zone.equals(ZoneOffset.UTC)) {
                return this;
            }
            throw new UnsupportedOperationException("the monotonic clock is UTC only");
        }
    }
}
