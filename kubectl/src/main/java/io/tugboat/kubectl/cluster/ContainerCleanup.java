package io.tugboat.kubectl.cluster;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Removes the Docker containers a node's kubelet created, found by the kubelet's node label. Uses the
 * {@code docker} command rather than the Docker API: {@code tug down} must work even when the kubelet
 * classes could not start, and it runs once.
 */
final class ContainerCleanup {
    /** The label the kubelet puts on every container it creates, naming its node. */
    static final String NODE_LABEL = "io.tugboat.node";

    private ContainerCleanup() {
    }

    /** Force-removes every container labelled with {@code node}; returns how many. */
    static int removeContainersOf(String node, PrintWriter err) throws IOException, InterruptedException {
        List<String> ids = run(List.of("docker", "ps", "-aq", "--filter", "label=" + NODE_LABEL + "=" + node), err);
        if (ids.isEmpty()) {
            return 0;
        }
        List<String> rm = new ArrayList<>(List.of("docker", "rm", "-f", "-v"));
        rm.addAll(ids);
        run(rm, err);
        return ids.size();
    }

    private static List<String> run(List<String> command, PrintWriter err) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectInput(new java.io.File("/dev/null"))
                .redirectErrorStream(true).start();
        List<String> lines = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = reader.readLine()) != null; ) {
                if (!line.isBlank()) {
                    lines.add(line.trim());
                }
            }
        }
        if (process.waitFor() != 0) {
            err.println("warning: " + String.join(" ", command) + " failed: " + String.join("\n", lines));
            return List.of();
        }
        return lines;
    }
}
