package io.tugboat.integration;

import io.tugboat.testcluster.TestCluster;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tugboat.api.ResourceKinds;
import io.tugboat.api.coordination.Lease;
import io.tugboat.api.coordination.LeaseSpec;
import io.tugboat.client.ApiException;
import io.tugboat.client.ResourceClient;
import io.tugboat.client.controller.LeaderElectionConfig;
import io.tugboat.client.controller.LeaderElector;
import io.tugboat.testsupport.EtcdExtension;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Leader election between two processes: this JVM and a second one running {@link LeaderElectorProcess}, on the
 * same Lease of a real API server (lease 3 s, renew deadline 2 s, retry 0.5 s). Every leader renews a few times,
 * then six rounds (about a minute) of:
 * <ol>
 *   <li>the other process leads and is killed ({@code destroyForcibly}, SIGKILL: no release, no goodbye); the
 *       candidate in this JVM must take over within leaseDuration + retryPeriod (+ jitter and a tolerance);</li>
 *   <li>a new process starts and waits; the leader in this JVM is stopped and releases; the process takes
 *       over within one retry;</li>
 *   <li>a new candidate starts in this JVM and waits for the next round's kill.</li>
 * </ol>
 * then the last process is asked to stop (on its stdin) and hands over the same way. Terms are logged on the
 * wall clock in microseconds, which both processes share, and must never overlap.
 */
class LeaderElectionProcessIT {
    private static final Logger log = LoggerFactory.getLogger(LeaderElectionProcessIT.class);

    @RegisterExtension
    static final EtcdExtension etcd = new EtcdExtension();
    static TestCluster cluster;

    static final String NAMESPACE = "kube-system";
    static final String LEASE_NAME = "cross-process-election";
    static final Duration LEASE = Duration.ofSeconds(3);
    static final Duration RENEW_DEADLINE = Duration.ofSeconds(2);
    static final Duration RETRY = Duration.ofMillis(500);
    static final Duration TOLERANCE = Duration.ofMillis(750);
    /** A JVM starting on a busy two-core machine. */
    static final Duration PROCESS_START = Duration.ofSeconds(30);
    static final int ROUNDS = 6;
    /** Renewals each leader makes before it is killed or stopped. */
    static final int RENEWALS = 3;

    /** The longest a kill may take to fail over: one lease, one jittered retry, and the tolerance. */
    static final Duration MAX_FAILOVER = LEASE.plus(LeaderElectionIT.multiply(RETRY, 1.2)).plus(TOLERANCE);
    /** The longest a release may take to hand over: one jittered retry, and the tolerance. */
    static final Duration MAX_HANDOFF = LeaderElectionIT.multiply(RETRY, 1.2).plus(TOLERANCE);

    @BeforeAll
    static void start() {
        cluster = TestCluster.start(etcd);
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    @Test
    void aSurvivorTakesOverFromAKilledLeaderProcessAndTwoProcessesNeverLeadAtOnce() throws Exception {
        LeaderTermLog terms = new LeaderTermLog();
        List<String> report = new ArrayList<>();
        List<ChildElector> children = new ArrayList<>();
        Local local = null;
        try {
            ChildElector child = ChildElector.start("proc-1", terms);
            children.add(child);
            child.await("LEADING", null, PROCESS_START);
            local = Local.start("jvm-1", terms);

            for (int round = 1; round <= ROUNDS; round++) {
                // 1. Kill the leading process; the candidate here takes over once the Lease has gone stale.
                Local standby = local;
                ChildElector leader = child;
                await(standby.identity() + " sees " + leader.identity, LEASE, () -> standby.leader().equals(leader.identity));
                awaitRenewals(leader.identity, RENEWALS);
                long killedAt = nowMicros();
                leader.kill();
                terms.stopped(leader.identity, nowMicros());   // a dead process leads no more
                await(standby.identity() + " takes over from the killed " + leader.identity, MAX_FAILOVER, () -> terms.leads(standby.identity()));
                long failover = terms.last(standby.identity()).start() - killedAt;
                assertTrue(failover <= MAX_FAILOVER.toNanos() / 1000,
                        "failover took " + failover / 1000 + " ms, more than " + MAX_FAILOVER);
                report.add("kill " + leader.identity + ": " + standby.identity() + " led " + failover / 1000 + " ms later");

                // 2. A new process waits; the leader here stops and releases; the process takes over.
                child = ChildElector.start("proc-" + (round + 1), terms);
                children.add(child);
                child.await("NEWLEADER", standby.identity(), PROCESS_START);
                awaitRenewals(standby.identity(), RENEWALS);
                long stoppedAt = nowMicros();
                assertEquals(LeaderElector.Result.STOPPED, standby.stopAndJoin(RENEW_DEADLINE));
                long handoff = child.await("LEADING", null, MAX_HANDOFF.plus(RETRY)).micros() - stoppedAt;
                assertTrue(handoff <= MAX_HANDOFF.toNanos() / 1000, "handoff took " + handoff / 1000 + " ms");
                report.add("stop " + standby.identity() + ": " + child.identity + " led " + handoff / 1000 + " ms later");

                // 3. A new candidate here waits for the next round.
                local = Local.start("jvm-" + (round + 1), terms);
            }

            // Finally the process is asked to stop: it steps down, releases, exits; the candidate here takes over.
            Local standby = local;
            ChildElector leader = child;
            await(standby.identity() + " sees " + leader.identity, LEASE, () -> standby.leader().equals(leader.identity));
            awaitRenewals(leader.identity, RENEWALS);
            leader.stop();
            long stoppedAt = leader.await("STOPPED", null, RENEW_DEADLINE).micros();
            leader.await("EXITED", "STOPPED", RENEW_DEADLINE.plus(TOLERANCE));
            await(standby.identity() + " takes the released Lease", MAX_HANDOFF.plus(RETRY), () -> terms.leads(standby.identity()));
            report.add("stop " + leader.identity + " (stdin): " + standby.identity() + " led "
                    + (terms.last(standby.identity()).start() - stoppedAt) / 1000 + " ms after it stopped");
            assertEquals(LeaderElector.Result.STOPPED, standby.stopAndJoin(RENEW_DEADLINE));
        } finally {
            for (ChildElector child : children) {
                child.close();
            }
            if (local != null) {
                local.close();
            }
        }
        log.info("cross-process failovers:\n  {}", String.join("\n  ", report));
        log.info("terms (epoch µs): {}", terms.terms());

        terms.assertNoOverlap();
        assertEquals(2 * ROUNDS + 2, terms.terms().size());
        Lease lease = cluster.client().resources(ResourceKinds.LEASES).inNamespace(NAMESPACE).get(LEASE_NAME);
        assertEquals(terms.terms().size() - 1, lease.spec().leaseTransitions());
        assertEquals("", lease.spec().holderIdentity(), "the last leader released the Lease");
    }

    static long nowMicros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
    }

    static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        LeaderElectionIT.awaitTrue(what, timeout, condition);
    }

    /** Waits until {@code holder} has renewed the Lease {@code count} times, reading it from the API server. */
    static void awaitRenewals(String holder, int count) throws InterruptedException {
        ResourceClient<Lease> leases = cluster.client().resources(ResourceKinds.LEASES).inNamespace(NAMESPACE);
        Set<Instant> renewTimes = new HashSet<>();
        long deadline = System.nanoTime() + RETRY.multipliedBy(count + 2).plus(TOLERANCE).toNanos();
        while (renewTimes.size() <= count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(holder + " did not renew " + count + " times; saw " + renewTimes);
            }
            try {
                LeaseSpec spec = leases.get(LEASE_NAME).spec();
                if (holder.equals(spec.holderIdentity())) {
                    renewTimes.add(spec.renewTime());
                }
            } catch (ApiException e) {
                throw new AssertionError("cannot read the Lease", e);
            }
            Thread.sleep(100);
        }
    }

    static LeaderElectionConfig.Builder config(String identity) {
        return LeaderElectionConfig.builder(NAMESPACE, LEASE_NAME, identity)
                .leaseDuration(LEASE).renewDeadline(RENEW_DEADLINE).retryPeriod(RETRY);
    }

    /** A candidate in this JVM, logging its terms on the wall clock like the child processes. */
    static final class Local implements AutoCloseable {
        private final LeaderElector elector;
        private final Thread thread;
        private volatile LeaderElector.Result result;

        private Local(String identity, LeaderTermLog terms) {
            this.elector = LeaderElector.forLease(cluster.client(), config(identity)
                    .onStartedLeading(() -> terms.started(identity, nowMicros()))
                    .onStoppedLeading(() -> terms.stopped(identity, nowMicros()))
                    .build());
            this.thread = new Thread(() -> {
                try {
                    result = elector.run();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "candidate-" + identity);
        }

        static Local start(String identity, LeaderTermLog terms) {
            Local local = new Local(identity, terms);
            local.thread.start();
            return local;
        }

        String identity() {
            return elector.identity();
        }

        String leader() {
            return elector.leader();
        }

        LeaderElector.Result stopAndJoin(Duration timeout) throws InterruptedException {
            elector.stop();
            thread.join(timeout.toMillis());
            if (thread.isAlive()) {
                throw new AssertionError(identity() + ": run() did not return within " + timeout);
            }
            return result;
        }

        @Override
        public void close() {
            if (thread.isAlive()) {
                try {
                    stopAndJoin(RENEW_DEADLINE.plus(TOLERANCE));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    /**
     * A {@link LeaderElectorProcess} in its own JVM, started from this JVM's classpath. Its stdout lines are
     * collected (and its terms logged) by a reader thread; its log goes to {@code target/leader-processes/}.
     */
    static final class ChildElector implements AutoCloseable {
        /** One line of the child's report. */
        record Line(String word, long micros, String detail) {
        }

        final String identity;
        private final Process process;
        private final List<Line> lines = new ArrayList<>();

        private ChildElector(String identity, Process process, LeaderTermLog terms) {
            this.identity = identity;
            this.process = process;
            Thread reader = new Thread(() -> read(terms), "stdout-" + identity);
            reader.setDaemon(true);
            reader.start();
        }

        static ChildElector start(String identity, LeaderTermLog terms) throws IOException {
            Path logs = Files.createDirectories(Path.of("target", "leader-processes"));
            Path java = Path.of(System.getProperty("java.home"), "bin", "java");
            List<String> command = List.of(java.toString(),
                    "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xmx128m",
                    "-cp", System.getProperty("java.class.path"),
                    LeaderElectorProcess.class.getName(),
                    cluster.url(), NAMESPACE, LEASE_NAME, identity,
                    Long.toString(LEASE.toMillis()), Long.toString(RENEW_DEADLINE.toMillis()), Long.toString(RETRY.toMillis()));
            Process process = new ProcessBuilder(command)
                    .redirectError(logs.resolve(identity + ".log").toFile())
                    .start();
            return new ChildElector(identity, process, terms);
        }

        private void read(LeaderTermLog terms) {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String text;
                while ((text = out.readLine()) != null) {
                    String[] parts = text.split(" ", 3);
                    Line line = new Line(parts[0], Long.parseLong(parts[1]), parts.length > 2 ? parts[2] : null);
                    if (line.word().equals("LEADING")) {
                        terms.started(identity, line.micros());
                    } else if (line.word().equals("STOPPED")) {
                        terms.stopped(identity, line.micros());
                    }
                    synchronized (lines) {
                        lines.add(line);
                    }
                }
            } catch (IOException e) {
                // the process is gone; what it said is in "lines"
            }
        }

        /** Waits for a line with this word (and detail, unless null) and returns it. */
        Line await(String word, String detail, Duration timeout) throws InterruptedException {
            LeaderElectionIT.awaitTrue(identity + " prints " + word + (detail == null ? "" : " " + detail), timeout,
                    () -> find(word, detail).isPresent());
            return find(word, detail).orElseThrow();
        }

        private Optional<Line> find(String word, String detail) {
            synchronized (lines) {
                return lines.stream()
                        .filter(l -> l.word().equals(word) && (detail == null || detail.equals(l.detail())))
                        .findFirst();
            }
        }

        /** SIGKILL, and wait until the process is gone. */
        void kill() throws InterruptedException {
            process.destroyForcibly();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                throw new AssertionError(identity + " survived SIGKILL");
            }
        }

        /** Asks the elector to stop, on its stdin. */
        void stop() throws IOException {
            OutputStream in = process.getOutputStream();
            in.write("stop\n".getBytes(StandardCharsets.UTF_8));
            in.flush();
        }

        @Override
        public void close() {
            process.destroyForcibly();
        }
    }
}
