package io.tugboat.integration;

import io.tugboat.testcluster.TestCluster;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tugboat.api.ResourceKinds;
import io.tugboat.api.coordination.Lease;
import io.tugboat.api.meta.Status;
import io.tugboat.client.ApiClient;
import io.tugboat.client.ApiException;
import io.tugboat.client.controller.LeaderElectionConfig;
import io.tugboat.client.controller.LeaderElector;
import io.tugboat.client.controller.LeaderLeaseStore;
import io.tugboat.testsupport.EtcdExtension;
import io.tugboat.testsupport.Eventually;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Two {@link LeaderElector}s in one JVM competing for one Lease on a real API server, through 60 s of renewals
 * and forced failovers, with short durations (lease 3 s, renew deadline 2 s, retry 0.5 s). The failovers take
 * turns:
 * <ul>
 *   <li><b>stop</b>: the leader is stopped and releases the Lease; the other takes over on its next look;</li>
 *   <li><b>hang</b>: the leader's requests hang (a partition): it must stop leading within the renew deadline
 *       of its last renewal, and the other may start only once the lease duration has passed;</li>
 *   <li><b>fail</b>: the leader's requests fail at once (the API server refuses it): the same must hold.</li>
 * </ul>
 * A stopped or cut-off elector is replaced by a new one with a fresh identity, as a restarted process would be.
 * Each elector logs its terms on {@link System#nanoTime()}; no two may overlap.
 */
class LeaderElectionIT {
    private static final Logger log = LoggerFactory.getLogger(LeaderElectionIT.class);

    @RegisterExtension
    static final EtcdExtension etcd = new EtcdExtension();
    static TestCluster cluster;

    static final String NAMESPACE = "kube-system";
    static final String LEASE_NAME = "in-jvm-election";
    static final Duration LEASE = Duration.ofSeconds(3);
    static final Duration RENEW_DEADLINE = Duration.ofSeconds(2);
    static final Duration RETRY = Duration.ofMillis(500);
    /** Scheduling and request latency on a busy two-core machine. */
    static final Duration TOLERANCE = Duration.ofMillis(750);
    static final Duration RUN_FOR = Duration.ofSeconds(60);

    @BeforeAll
    static void start() {
        cluster = TestCluster.start(etcd);
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    @Test
    void twoElectorsNeverLeadAtOnceThroughRenewalsAndForcedFailovers() throws Exception {
        LeaderTermLog terms = new LeaderTermLog();
        List<String> report = new ArrayList<>();
        int rounds = 0;
        int termsBeforeClose;
        Lease leaseBeforeClose;
        try (Candidate a = new Candidate("a", terms); Candidate b = new Candidate("b", terms)) {
            a.start();
            b.start();
            awaitTrue("someone leads", LEASE.plus(TOLERANCE), () -> a.isLeader() || b.isLeader());

            long until = System.nanoTime() + RUN_FOR.toNanos();
            while (System.nanoTime() < until) {
                Candidate leader = a.isLeader() ? a : b;
                Candidate other = leader == a ? b : a;
                // The other must have seen the leader before the failure, as a long-running standby would have.
                awaitTrue(other.identity() + " sees " + leader.identity(), LEASE,
                        () -> other.elector.leader().equals(leader.identity()));
                leader.awaitRenewals(2);
                switch (rounds++ % 3) {
                    case 0 -> report.add(stopGracefully(leader, other, terms));
                    case 1 -> report.add(cutOff(leader, other, terms, CuttableStore.Cut.HANG));
                    default -> report.add(cutOff(leader, other, terms, CuttableStore.Cut.FAIL));
                }
            }
            // Counted while one candidate leads and the other waits on a live Lease. Closing stops both: a
            // standby whose takeover of the just-released Lease is in flight is cancelled, and its write may
            // still land (one more transition) though it never started a term.
            termsBeforeClose = terms.terms().size();
            leaseBeforeClose = cluster.client().resources(ResourceKinds.LEASES).inNamespace(NAMESPACE).get(LEASE_NAME);
        }
        log.info("{} failovers in {}:\n  {}", rounds, RUN_FOR, String.join("\n  ", report));
        log.info("terms: {}", terms.terms());

        terms.assertNoOverlap();
        assertTrue(rounds >= 12, "only " + rounds + " failovers");
        assertEquals(termsBeforeClose - 1, leaseBeforeClose.spec().leaseTransitions(),
                "every term but the first began with a transition of the Lease");
    }

    /** The leader is stopped: it steps down, releases, and the other takes over on its next attempt. */
    private static String stopGracefully(Candidate leader, Candidate other, LeaderTermLog terms) throws Exception {
        long stoppedAt = System.nanoTime();
        assertEquals(LeaderElector.Result.STOPPED, leader.stopAndJoin(RENEW_DEADLINE));
        awaitTrue(other.identity() + " takes the released Lease", multiply(RETRY, 1.2).plus(TOLERANCE),
                () -> terms.leads(other.identity()));
        long handoff = terms.last(other.identity()).start() - stoppedAt;
        leader.start();
        return "stop: " + other.identity() + " led " + millis(handoff) + " ms after stop() was called";
    }

    /**
     * The leader is cut off from the API server: it must step down within the renew deadline of its last
     * successful renewal, and the other must wait for the lease duration, so there is a gap between the terms.
     */
    private static String cutOff(Candidate leader, Candidate other, LeaderTermLog terms, CuttableStore.Cut how)
            throws Exception {
        String lost = leader.identity();
        long cutAt = System.nanoTime();
        leader.store.cut(how);
        assertEquals(LeaderElector.Result.LOST, leader.join(RENEW_DEADLINE.plus(TOLERANCE)));
        long steppedDown = terms.last(lost).end();
        long sinceLastRenewal = steppedDown - leader.store.lastWriteSentNanos();
        assertTrue(sinceLastRenewal <= RENEW_DEADLINE.plusMillis(200).toNanos(),
                lost + " stepped down " + millis(sinceLastRenewal) + " ms after its last successful renewal");

        awaitTrue(other.identity() + " takes over", LEASE.plus(multiply(RETRY, 1.2)).plus(TOLERANCE),
                () -> terms.leads(other.identity()));
        long started = terms.last(other.identity()).start();
        long gap = started - steppedDown;
        assertTrue(gap >= LEASE.minus(RENEW_DEADLINE).minusMillis(500).toNanos(),
                "only " + millis(gap) + " ms between " + lost + " stepping down and " + other.identity() + " starting");
        leader.store.heal();
        leader.start();
        return how.name().toLowerCase() + ": " + lost + " stepped down " + millis(sinceLastRenewal)
                + " ms after its last renewal; " + other.identity() + " led " + millis(started - cutAt)
                + " ms after the cut, " + millis(gap) + " ms after " + lost + " stopped";
    }

    static long millis(long nanos) {
        return nanos / 1_000_000;
    }

    static Duration multiply(Duration duration, double factor) {
        return Duration.ofNanos((long) (duration.toNanos() * factor));
    }

    static void awaitTrue(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        Eventually.until(what, timeout, condition);
    }

    /**
     * One replica: an elector (replaced by a fresh one, with a new identity, on every {@link #start()}), its thread,
     * its own API client, and a store that a test can cut off from the API server.
     */
    static final class Candidate implements AutoCloseable {
        final String name;
        final LeaderTermLog terms;
        final CuttableStore store;
        private int generation;
        volatile LeaderElector elector;
        private Thread thread;
        private volatile LeaderElector.Result result;

        Candidate(String name, LeaderTermLog terms) {
            this.name = name;
            this.terms = terms;
            ApiClient client = cluster.client();
            this.store = new CuttableStore(LeaderLeaseStore.of(client, NAMESPACE, LEASE_NAME));
        }

        void start() {
            String identity = name + "-" + (++generation);
            LeaderElectionConfig config = LeaderElectionConfig.builder(NAMESPACE, LEASE_NAME, identity)
                    .leaseDuration(LEASE).renewDeadline(RENEW_DEADLINE).retryPeriod(RETRY)
                    .onStartedLeading(() -> terms.started(identity, System.nanoTime()))
                    .onStoppedLeading(() -> terms.stopped(identity, System.nanoTime()))
                    .build();
            LeaderElector next = new LeaderElector(config, store);
            elector = next;
            result = null;
            thread = new Thread(() -> {
                try {
                    result = next.run();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "candidate-" + identity);
            thread.start();
        }

        String identity() {
            return elector.identity();
        }

        boolean isLeader() {
            return elector.isLeader();
        }

        void awaitRenewals(int count) throws InterruptedException {
            int target = store.writes.get() + count;
            awaitTrue(identity() + " renews " + count + " times", multiply(RETRY, count + 1).plus(TOLERANCE),
                    () -> store.writes.get() >= target);
        }

        LeaderElector.Result join(Duration timeout) throws InterruptedException {
            thread.join(timeout.toMillis());
            if (thread.isAlive()) {
                throw new AssertionError(identity() + ": run() did not return within " + timeout);
            }
            return result;
        }

        LeaderElector.Result stopAndJoin(Duration timeout) throws InterruptedException {
            elector.stop();
            return join(timeout);
        }

        @Override
        public void close() {
            store.heal();
            if (thread != null && thread.isAlive()) {
                try {
                    stopAndJoin(RENEW_DEADLINE.plus(TOLERANCE));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    /** The real Lease store with a switch that cuts it off from the API server, as a network partition would. */
    static final class CuttableStore implements LeaderLeaseStore {
        enum Cut { NONE, HANG, FAIL }

        private final LeaderLeaseStore real;
        private volatile Cut cut = Cut.NONE;
        private volatile CountDownLatch healed = new CountDownLatch(0);
        private volatile long lastWriteSentNanos;
        final AtomicInteger writes = new AtomicInteger();

        CuttableStore(LeaderLeaseStore real) {
            this.real = real;
        }

        /** From now on every request hangs until {@link #heal()} (HANG) or fails at once (FAIL). */
        void cut(Cut how) {
            healed = new CountDownLatch(1);
            cut = how;
        }

        void heal() {
            cut = Cut.NONE;
            healed.countDown();
        }

        /** When the last successful write was sent, on {@link System#nanoTime()}. */
        long lastWriteSentNanos() {
            return lastWriteSentNanos;
        }

        @Override
        public Optional<Lease> get() throws ApiException {
            enter();
            return real.get();
        }

        @Override
        public Lease create(Lease lease) throws ApiException {
            enter();
            long sent = System.nanoTime();
            Lease created = real.create(lease);
            wrote(sent);
            return created;
        }

        @Override
        public Lease update(Lease lease) throws ApiException {
            enter();
            long sent = System.nanoTime();
            Lease updated = real.update(lease);
            wrote(sent);
            return updated;
        }

        @Override
        public String describe() {
            return real.describe();
        }

        private void wrote(long sent) {
            lastWriteSentNanos = sent;
            writes.incrementAndGet();
        }

        private void enter() throws ApiException {
            Cut now = cut;
            if (now == Cut.HANG) {
                try {
                    healed.await();
                } catch (InterruptedException e) {
                    // The elector gave up on this request; answer it as the dead connection it stands for.
                    Thread.currentThread().interrupt();
                }
            }
            if (now != Cut.NONE) {
                throw new ApiException.ServerErrorException(new Status("v1", "Status", null, "Failure",
                        "cut off from the API server (" + now + ")", "ServiceUnavailable", null, 0), null);
            }
        }
    }
}
