package io.tugboat.kubectl.config;

import io.tugboat.kubectl.cli.Verb;
import picocli.CommandLine.Command;

/** {@code tug cluster-info}: where the control plane answers (after checking that it does). */
@Command(name = "cluster-info", description = "Display cluster information.")
public final class ClusterInfoCommand extends Verb {
    @Override
    public Integer call() throws Exception {
        api().get("/version");
        out().println("Kubernetes control plane is running at " + api().server());
        out().println();
        out().println("To further debug and diagnose cluster problems, use 'tug get events -A' and 'tug describe nodes'.");
        return 0;
    }
}
