package io.tugboat.scheduler;

import static io.tugboat.scheduler.Fixtures.node;
import static io.tugboat.scheduler.Fixtures.pod;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tugboat.api.ResourceKinds;
import io.tugboat.api.coordination.Lease;
import io.tugboat.api.core.Node;
import io.tugboat.api.core.Pod;
import io.tugboat.api.meta.DeleteOptions;
import io.tugboat.client.ApiClient;
import io.tugboat.client.ApiException;
import io.tugboat.client.ListOptions;
import io.tugboat.client.ResourceClient;
import io.tugboat.client.informer.Deleted;
import io.tugboat.client.informer.InformerOptions;
import io.tugboat.client.informer.ResourceEventHandler;
import io.tugboat.client.informer.SharedInformer;
import io.tugboat.client.informer.SharedInformerFactory;
import io.tugboat.testcluster.TestCluster;
import io.tugboat.testsupport.EtcdExtension;
import io.tugboat.testsupport.Eventually;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tug scheduler} as real processes with leader election, under churn: pods created and deleted all along
 * while the leader is killed (SIGKILL) twice. Every pod's {@code spec.nodeName}, as seen through a watch, is set
 * at most once and never changes; every pod ends up bound; the last replica exits 0 on SIGTERM.
 */
class SchedulerHaIT {
    @RegisterExtension
    static final EtcdExtension etcd = new EtcdExtension();
    private static final Pattern IDENTITY = Pattern.compile("competing for the lease \\S+ as (\\S+)");

    /** One scheduler process and where it logs. */
    private record Replica(String name, Process process, Path log) {
        String identity() throws Exception {
            Matcher m = IDENTITY.matcher(Files.readString(log));
            return m.find() ? m.group(1) : null;
        }
    }

    @TempDir
    Path dir;

    @Test
    void twoLeaderElectedSchedulersNeverBindAPodTwiceWhileLeadersDie() throws Exception {
        try (TestCluster cluster = TestCluster.start(etcd)) {
            ApiClient client = cluster.client();
            ResourceClient<Pod> pods = client.resources(ResourceKinds.PODS).inNamespace("default");
            ResourceClient<Node> nodes = client.resources(ResourceKinds.NODES);
            for (int i = 1; i <= 3; i++) {
                Node n = node("n" + i).capacity("64", "256Gi", "500").build();
                Node created = nodes.create(n);
                if (created.status() == null || created.status().allocatable() == null) {
                    nodes.updateStatus(created.withStatus(n.status()));
                }
            }
            // The watch that judges: the first node a pod is seen on must be the only one.
            Map<String, String> boundTo = new ConcurrentHashMap<>();
            List<String> violations = new CopyOnWriteArrayList<>();
            SharedInformerFactory informers = new SharedInformerFactory(client::listerWatcher, InformerOptions.defaults());
            SharedInformer<Pod> watched = informers.informerFor(ResourceKinds.PODS);
            watched.addEventHandler(new ResourceEventHandler<>() {
                @Override
                public void onAdd(Pod pod) {
                    check(pod);
                }

                @Override
                public void onUpdate(Pod oldPod, Pod newPod) {
                    check(newPod);
                }

                @Override
                public void onDelete(Deleted<Pod> deleted) {
                }

                private void check(Pod pod) {
                    String node = pod.spec().nodeName();
                    if (node != null) {
                        String first = boundTo.putIfAbsent(pod.metadata().uid(), node);
                        if (first != null && !first.equals(node)) {
                            violations.add(pod.metadata().name() + " moved from " + first + " to " + node);
                        }
                    }
                }
            });
            informers.start();
            Path kubeconfig = cluster.writeKubeconfig(dir.resolve("kubeconfig"));
            List<Replica> replicas = new ArrayList<>(List.of(launch("a", kubeconfig), launch("b", kubeconfig)));
            try {
                Replica leader = awaitLeader(client, replicas, null, kubeconfig);
                AtomicInteger created = new AtomicInteger();
                Thread churn = new Thread(() -> churn(pods, created), "churn");
                churn.start();
                for (int round = 0; round < 2; round++) {
                    int target = 25 * (round + 1);
                    Eventually.until(target + " pods created", Duration.ofSeconds(60), () -> created.get() >= target);
                    leader = awaitLeader(client, replicas, null, kubeconfig); // the leader of now
                    leader.process().destroyForcibly().waitFor();
                    long killedAt = System.nanoTime();
                    replicas.remove(leader);
                    replicas.add(launch(round == 0 ? "c" : "d", kubeconfig));
                    String dead = leader.identity();
                    leader = awaitLeader(client, replicas, dead, kubeconfig);
                    System.out.printf("takeover after SIGKILL of the leader: %d ms (lease 6 s)%n",
                            TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killedAt));
                }
                churn.join();
                Eventually.until("every remaining pod bound (replica logs in target/ha-logs)", Duration.ofSeconds(120), () -> {
                    supervise(replicas, kubeconfig);
                    try {
                        List<String> unbound = pods.list(ListOptions.none()).items().stream()
                                .filter(p -> p.spec().nodeName() == null).map(p -> p.metadata().name()).toList();
                        if (!unbound.isEmpty()) {
                            System.out.println("still unbound: " + unbound);
                        }
                        return unbound.isEmpty();
                    } catch (ApiException e) {
                        return false;
                    }
                });
                // The list above is live; the watch that fills boundTo may still be behind it on a busy machine.
                Eventually.until("the watch has seen every binding the list shows", Duration.ofSeconds(60), () -> {
                    try {
                        return boundTo.keySet().containsAll(pods.list(ListOptions.none()).items().stream()
                                .map(p -> p.metadata().uid()).toList());
                    } catch (ApiException e) {
                        return false;
                    }
                });
                assertTrue(boundTo.size() >= 60, "bindings watched: " + boundTo.size());
                assertEquals(List.of(), violations);
                List<Replica> alive = replicas.stream().filter(r -> r.process().isAlive()).toList();
                for (Replica r : alive) {
                    Eventually.until(r.name() + " up", Duration.ofSeconds(60), () -> identityQuietly(r) != null);
                    r.process().destroy(); // SIGTERM
                }
                for (Replica r : alive) {
                    assertTrue(r.process().waitFor(30, TimeUnit.SECONDS), r.name() + " exits on SIGTERM");
                    // 143 = 128 + SIGTERM: how every JVM ends on SIGTERM once its shutdown hooks have run.
                    assertTrue(List.of(0, 143).contains(r.process().exitValue()),
                            r.name() + " exit status " + r.process().exitValue() + "; log:\n" + Files.readString(r.log()));
                }
            } finally {
                replicas.forEach(r -> r.process().destroyForcibly());
                informers.stop();
            }
        }
    }

    private static String identityQuietly(Replica r) {
        try {
            return r.identity();
        } catch (Exception e) {
            return null;
        }
    }

    /** Creates 80 pods, one every 50 ms, deleting every 7th soon after (some while being scheduled). */
    private static void churn(ResourceClient<Pod> pods, AtomicInteger created) {
        try {
            for (int i = 0; i < 80; i++) {
                pods.create(pod("churn-" + i).container("10m", "16Mi").build());
                created.incrementAndGet();
                if (i % 7 == 3) {
                    pods.delete("churn-" + (i - 1), new DeleteOptions(null, null, 0L, null, null, null, null));
                }
                Thread.sleep(50); // pacing the load, not waiting for an outcome
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ApiException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Restarts replicas that exited by themselves, as systemd's {@code Restart=on-failure} would: a replica whose
     * renewals time out on an overloaded machine loses the Lease and exits with status 1, by design.
     */
    private void supervise(List<Replica> replicas, Path kubeconfig) {
        for (int i = 0; i < replicas.size(); i++) {
            Replica r = replicas.get(i);
            if (!r.process().isAlive()) {
                try {
                    replicas.set(i, launch(r.name() + "+", kubeconfig));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        }
    }

    /** Waits until one of {@code replicas}, other than {@code dead}, holds the Lease; returns it. */
    private Replica awaitLeader(ApiClient client, List<Replica> replicas, String dead, Path kubeconfig) throws Exception {
        ResourceClient<Lease> leases = client.resources(ResourceKinds.LEASES).inNamespace("kube-system");
        Replica[] leader = new Replica[1];
        Eventually.until("a live replica holds the lease", Duration.ofSeconds(60), () -> {
            supervise(replicas, kubeconfig);
            try {
                String holder = leases.get("kube-scheduler").spec().holderIdentity();
                for (Replica r : replicas) {
                    if (holder != null && !holder.equals(dead) && holder.equals(r.identity()) && r.process().isAlive()) {
                        leader[0] = r;
                        return true;
                    }
                }
                return false;
            } catch (Exception e) {
                return false;
            }
        });
        return leader[0];
    }

    private Replica launch(String name, Path kubeconfig) throws Exception {
        Path logs = Path.of("target", "ha-logs");
        Files.createDirectories(logs);
        Path log = logs.resolve("scheduler-" + name + ".log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                SchedulerMain.class.getName(), "--kubeconfig=" + kubeconfig, "--leader-elect=true",
                "--leader-elect-lease-duration=6", "--leader-elect-renew-deadline=4", "--leader-elect-retry-period=1")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        return new Replica(name, p, log);
    }
}
