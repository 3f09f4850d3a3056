package io.tugboat.kubectl.cluster;

import io.tugboat.kubelet.proxy.ServiceProxy;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code tug down}: stops what {@code tug up} started, in reverse order (kubelets first, etcd last), then
 * removes the containers the cluster's kubelets created — found by their node label, so containers of
 * any other cluster or of no cluster are never touched — and the nodes' pod networks (Docker bridge
 * networks and iptables rules, found by their node label and comment), and any service proxy rules a killed kubelet left.
 */
@Command(name = "down", mixinStandardHelpOptions = true,
        description = "Stop the local cluster started by `tug up` and remove its containers.")
public final class DownCommand implements Callable<Integer> {
    private static final Duration GRACE = Duration.ofSeconds(15);

    @Spec
    CommandSpec spec;

    @Option(names = "--data-dir", description = "The cluster's directory. Default: ~/.tugboat.")
    Path dataDir;

    @Option(names = "--purge", description = "Also delete the cluster directory (etcd data, logs, kubeconfig).")
    boolean purge;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ClusterDir dir = new ClusterDir(dataDir == null ? ClusterDir.defaultRoot() : dataDir.toAbsolutePath());
        LocalCluster cluster = LocalCluster.fromSettings(dir);
        if (cluster == null) {
            out.println("no cluster in " + dir.root());
            return 0;
        }
        List<LocalCluster.Component> components = new ArrayList<>(cluster.components("java", ""));
        Collections.reverse(components);
        for (LocalCluster.Component component : components) {
            LocalProcess process = component.process();
            boolean stopped = process.stop(GRACE);
            out.printf("%-22s %s%n", process.name(), stopped ? "stopped" : "not running");
            out.flush();
        }
        int removed = 0;
        for (String node : cluster.nodeNames()) {
            removed += ContainerCleanup.removeContainersOf(node, err);
        }
        out.printf("containers             %d removed%n", removed);
        int networks = 0;
        for (String node : cluster.nodeNames()) {
            networks += ContainerCleanup.removeNetworkOf(node, err);
        }
        out.printf("pod networks           %d removed%n", networks);
        out.printf("service proxy rules    %s%n", removeProxyRules());
        if (purge) {
            deleteTree(dir.root());
            out.println("removed " + dir.root());
        }
        return 0;
    }

    /**
     * A kubelet stopped cleanly has removed its service proxy's iptables rules; one killed (the grace period ran
     * out) has not. Removes them unless a running proxy — of another cluster on this host — still holds them.
     */
    private static String removeProxyRules() {
        try {
            return ServiceProxy.cleanup(ServiceProxy.Config.defaults()) ? "removed" : "kept (a running proxy uses them)";
        } catch (IOException e) {
            return "not removed: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "not removed (interrupted)";
        }
    }

    private static void deleteTree(Path root) throws IOException {
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                Files.delete(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
