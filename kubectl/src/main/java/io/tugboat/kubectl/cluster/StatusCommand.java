package io.tugboat.kubectl.cluster;

import io.tugboat.client.ApiClient;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code tug status}: one line per component of the local cluster — its process, and its health endpoint
 * where it has one; for kubelets also whether their Node is Ready. Exits 0 only when everything is healthy.
 */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Show the health of each component of the local cluster started by `tug up`.")
public final class StatusCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--data-dir", description = "The cluster's directory. Default: ~/.tugboat.")
    Path dataDir;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        ClusterDir dir = new ClusterDir(dataDir == null ? ClusterDir.defaultRoot() : dataDir.toAbsolutePath());
        LocalCluster cluster = LocalCluster.fromSettings(dir);
        if (cluster == null) {
            out.println("no cluster in " + dir.root() + " (start one with: ./tug up)");
            return 1;
        }
        if (!java.nio.file.Files.exists(cluster.pki().certificate(io.tugboat.pki.ClusterPki.CA))) {
            out.println("no certificates in " + cluster.pki().dir() + " (start the cluster with: ./tug up)");
            return 1;
        }
        HealthChecks http = new HealthChecks(cluster.pki());
        List<String> readyNodes = List.of();
        boolean apiUp = http.healthy(cluster.apiServerUrl() + "/readyz", null);
        if (apiUp) {
            readyNodes = UpCommand.readyNodes(ApiClient.fromKubeconfig(dir.kubeconfig().toString(), null).build());
        }
        boolean allHealthy = true;
        out.printf("%-22s %-8s %s%n", "COMPONENT", "PID", "STATUS");
        for (LocalCluster.Component component : cluster.components("java", "")) {
            LocalProcess process = component.process();
            Optional<ProcessHandle> running = process.running();
            String status;
            if (running.isEmpty()) {
                status = "not running";
                allHealthy = false;
            } else if (component.healthUrl() != null && !http.healthy(component)) {
                status = "running, unhealthy (" + component.healthUrl() + ")";
                allHealthy = false;
            } else {
                status = component.healthUrl() == null ? "running" : "healthy";
            }
            if (process.name().startsWith("kubelet-")) {
                String node = process.name().substring("kubelet-".length());
                boolean ready = readyNodes.contains(node);
                status += ready ? ", node Ready" : ", node not Ready";
                allHealthy &= ready;
            }
            out.printf("%-22s %-8s %s%n", process.name(), running.map(p -> Long.toString(p.pid())).orElse("-"), status);
        }
        out.printf("%nAPI server %s, kubeconfig %s%n", cluster.apiServerUrl(), dir.kubeconfig());
        return allHealthy ? 0 : 1;
    }
}
