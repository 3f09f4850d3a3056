package io.tugboat.kubectl.node;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tugboat.api.Codec;
import io.tugboat.api.ResourceKinds;
import io.tugboat.client.ApiException;
import io.tugboat.kubectl.cli.CliException;
import io.tugboat.kubectl.cli.Durations;
import io.tugboat.kubectl.cli.Verb;
import io.tugboat.kubectl.resource.Waiter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code tug drain NODE [--ignore-daemonsets] [--delete-emptydir-data] [--force] [--grace-period=N] [--timeout=D]}:
 * cordons the node, then removes its pods (those {@link DrainFilter} allows) and waits until each is gone,
 * printing kubectl's lines as it goes ({@code node/n cordoned}, {@code evicting pod ns/p} or, where the API has
 * no eviction subresource, as on Tugboat, deletes with {@code pod/p deleted}, then {@code node/n drained}).
 * Controllers recreate the pods elsewhere; the scheduler will not pick the cordoned node.
 */
@Command(name = "drain", description = "Drain node in preparation for maintenance.")
public final class DrainCommand extends Verb {

    @Parameters(arity = "1", paramLabel = "NODE")
    String node;

    @Option(names = "--ignore-daemonsets", description = "Skip DaemonSet-managed pods.")
    boolean ignoreDaemonSets;

    @Option(names = {"--delete-emptydir-data", "--delete-local-data"}, description = "Delete pods with emptyDir volumes too.")
    boolean deleteEmptyDirData;

    @Option(names = "--force", description = "Delete pods that no controller manages too.")
    boolean force;

    @Option(names = "--grace-period", defaultValue = "-1", description = "Seconds each pod gets to stop (-1: its own).")
    int gracePeriod;

    @Option(names = "--timeout", defaultValue = "0", description = "How long to wait (0: forever).")
    String timeout;

    @Option(names = "--disable-eviction", description = "Delete rather than evict (always so on Tugboat).")
    boolean disableEviction;

    @Override
    public Integer call() throws Exception {
        Cordon.set(api(), node, true, out());
        DrainFilter filter = new DrainFilter(ignoreDaemonSets, deleteEmptyDirData, force);
        List<JsonNode> remove = new ArrayList<>();
        Map<String, List<String>> blocked = new LinkedHashMap<>();
        Map<String, List<String>> warnings = new LinkedHashMap<>();
        JsonNode pods = api().list(ResourceKinds.PODS, null, null, "spec.nodeName=" + node, false);
        for (JsonNode pod : pods.path("items")) {
            DrainFilter.Decision decision = filter.decide(pod);
            String id = pod.path("metadata").path("namespace").asText() + "/" + pod.path("metadata").path("name").asText();
            switch (decision.verdict()) {
                case BLOCK -> blocked.computeIfAbsent(decision.reason(), k -> new ArrayList<>()).add(id);
                case SKIP -> warnings.computeIfAbsent(decision.reason(), k -> new ArrayList<>()).add(id);
                case REMOVE -> {
                    remove.add(pod);
                    if (decision.reason() != null) {
                        warnings.computeIfAbsent(decision.reason(), k -> new ArrayList<>()).add(id);
                    }
                }
            }
        }
        if (!blocked.isEmpty()) {
            List<String> lines = new ArrayList<>();
            blocked.forEach((reason, ids) -> lines.add(reason + ": " + String.join(", ", ids)));
            err().println("error: unable to drain node \"" + node + "\" due to error: " + String.join(", ", lines)
                    + ", continuing command...");
            err().println("There are pending nodes to be drained:");
            err().println(" " + node);
            lines.forEach(err()::println);
            return 1;
        }
        if (!warnings.isEmpty()) {
            List<String> lines = new ArrayList<>();
            warnings.forEach((reason, ids) -> lines.add(reason + ": " + String.join(", ", ids)));
            err().println("Warning: " + String.join("; ", lines));
            err().flush();
        }
        Duration limit = Durations.parse(timeout);
        Instant deadline = Instant.now().plus(limit.isZero() ? Duration.ofDays(365) : limit);
        ObjectNode options = Codec.json().createObjectNode();
        options.put("kind", "DeleteOptions");
        options.put("apiVersion", "v1");
        if (gracePeriod >= 0) {
            options.put("gracePeriodSeconds", gracePeriod);
        }
        for (JsonNode pod : remove) {
            try {
                api().delete(ResourceKinds.PODS, pod.path("metadata").path("namespace").asText(),
                        pod.path("metadata").path("name").asText(), options);
            } catch (ApiException.NotFoundException e) {
                // already gone: nothing to wait for
            }
        }
        Waiter waiter = new Waiter(api());
        for (JsonNode pod : remove) {
            JsonNode metadata = pod.path("metadata");
            Duration left = Duration.between(Instant.now(), deadline);
            if (left.isNegative() || !waiter.untilDeleted(ResourceKinds.PODS, metadata.path("namespace").asText(),
                    metadata.path("name").asText(), metadata.path("uid").asText(), left)) {
                throw new CliException("unable to drain node \"" + node + "\" due to error: error when waiting for pod \""
                        + metadata.path("name").asText() + "\" in namespace \"" + metadata.path("namespace").asText()
                        + "\" to terminate: global timeout reached: " + timeout + ", continuing command...\n"
                        + "There are pending nodes to be drained:\n " + node);
            }
            out().println("pod/" + metadata.path("name").asText() + " deleted");
            out().flush();
        }
        out().println("node/" + node + " drained");
        return 0;
    }
}
