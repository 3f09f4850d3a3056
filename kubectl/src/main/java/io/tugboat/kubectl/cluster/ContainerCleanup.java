package io.tugboat.kubectl.cluster;

import io.tugboat.kubelet.network.HostNetwork;
import io.tugboat.kubelet.network.IptablesRule;
import io.tugboat.kubelet.network.LinuxHostNetwork;
import io.tugboat.kubelet.network.PodBridge;
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

    /**
     * Removes the node's pod network: its Docker bridge network (found by the labels the kubelet gives it) and the
     * iptables rules its kubelet added (found by their comment). Routes are left: a local cluster has none (its nodes
     * share this host), and a VM's routes lead to other hosts that may still run. Returns how many networks.
     */
    static int removeNetworkOf(String node, PrintWriter err) throws IOException, InterruptedException {
        List<String> ids = run(List.of("docker", "network", "ls", "-q", "--filter", "label=" + PodBridge.NODE_LABEL + "=" + node,
                "--filter", "label=" + PodBridge.POD_NETWORK_LABEL + "=true"), err);
        for (String id : ids) {
            run(List.of("docker", "network", "rm", id), err);
        }
        try {
            LinuxHostNetwork host = new LinuxHostNetwork();
            for (List<String> chain : List.of(List.of("filter", "DOCKER-USER"), List.of("nat", "POSTROUTING"))) {
                for (HostNetwork.InstalledRule rule : host.rules(chain.get(0), chain.get(1), IptablesRule.ownerPrefix(node))) {
                    host.deleteRule(rule);
                }
            }
        } catch (HostNetwork.HostNetworkException e) {
            err.println("warning: removing the iptables rules of " + node + ": " + e.getMessage());
        }
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
