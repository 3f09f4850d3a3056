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
 * cordons the node, then evicts its pods (those {@link DrainFilter} allows) through the {@code pods/eviction}
 * subresource and waits until each is gone, printing kubectl's lines as it goes ({@code node/n cordoned},
 * {@code evicting pod ns/p}, {@code pod/p evicted}, {@code node/n drained}). An eviction refused with 429 (a
 * disruption budget) is retried every 5 s, as kubectl does. With {@code --disable-eviction}, or against a server
 * whose discovery does not announce {@code pods/eviction}, pods are deleted instead ({@code pod/p deleted}).
 * Controllers recreate the pods elsewhere; the scheduler will not pick the cordoned node.
 */
@Command(name = "drain", description = "Drain node in preparation for maintenance.")
public final class DrainCommand extends Verb {
    /** kubectl waits 5 s before evicting again a pod whose eviction was refused with 429. */
    static final Duration EVICTION_RETRY = Duration.ofSeconds(5);

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

    @Option(names = "--disable-eviction", description = "Delete pods rather than evict them (bypasses disruption budgets).")
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
        boolean evict = !disableEviction && evictionSupported();
        List<JsonNode> removed = evict ? evictAll(remove, options, deadline) : deleteAll(remove, options);
        Waiter waiter = new Waiter(api());
        for (JsonNode pod : removed) {
            JsonNode metadata = pod.path("metadata");
            Duration left = Duration.between(Instant.now(), deadline);
            if (left.isNegative() || !waiter.untilDeleted(ResourceKinds.PODS, metadata.path("namespace").asText(),
                    metadata.path("name").asText(), metadata.path("uid").asText(), left)) {
                throw new CliException("unable to drain node \"" + node + "\" due to error: error when waiting for pod \""
                        + metadata.path("name").asText() + "\" in namespace \"" + metadata.path("namespace").asText()
                        + "\" to terminate: global timeout reached: " + timeout + ", continuing command...\n"
                        + "There are pending nodes to be drained:\n " + node);
            }
            out().println("pod/" + metadata.path("name").asText() + (evict ? " evicted" : " deleted"));
            out().flush();
        }
        out().println("node/" + node + " drained");
        return 0;
    }

    /**
     * Whether the server serves {@code pods/eviction}, found the way kubectl finds it: the {@code /api/v1}
     * resource list has {@code pods/eviction} with kind Eviction and a group and version (policy/v1).
     */
    private boolean evictionSupported() throws ApiException {
        for (JsonNode resource : api().get("/api/v1").path("resources")) {
            if (resource.path("name").asText().equals("pods/eviction") && resource.path("kind").asText().equals("Eviction")
                    && !resource.path("group").asText().isEmpty() && !resource.path("version").asText().isEmpty()) {
                return true;
            }
        }
        return false;
    }

    /**
     * Evicts every pod as kubectl does: a pod whose eviction the server refuses with 429 (its disruption budget
     * allows no disruption now) is tried again every {@link #EVICTION_RETRY} until the deadline; a pod already
     * gone counts as evicted; any other refusal fails the drain.
     *
     * @return the pods to wait for
     */
    private List<JsonNode> evictAll(List<JsonNode> pods, ObjectNode deleteOptions, Instant deadline) throws Exception {
        List<JsonNode> pending = new ArrayList<>(pods);
        List<JsonNode> evicted = new ArrayList<>();
        while (true) {
            List<JsonNode> refused = new ArrayList<>();
            for (JsonNode pod : pending) {
                String namespace = pod.path("metadata").path("namespace").asText();
                String name = pod.path("metadata").path("name").asText();
                out().println("evicting pod " + namespace + "/" + name);
                out().flush();
                if (Instant.now().isAfter(deadline)) {
                    throw new CliException("error when evicting pods/\"" + name + "\" -n \"" + namespace
                            + "\": global timeout reached: " + timeout);
                }
                ObjectNode eviction = Codec.json().createObjectNode();
                eviction.put("apiVersion", "policy/v1");
                eviction.put("kind", "Eviction");
                eviction.putObject("metadata").put("name", name).put("namespace", namespace);
                eviction.set("deleteOptions", deleteOptions);
                try {
                    api().post(ResourceKinds.PODS, namespace, name, "eviction", eviction);
                    evicted.add(pod);
                } catch (ApiException.NotFoundException e) {
                    // already gone: nothing to wait for
                } catch (ApiException e) {
                    if (e.code() != 429) {
                        throw new CliException("error when evicting pods/\"" + name + "\" -n \"" + namespace + "\": "
                                + e.getMessage());
                    }
                    err().println("error when evicting pods/\"" + name + "\" -n \"" + namespace + "\" (will retry after "
                            + EVICTION_RETRY.toSeconds() + "s): " + e.getMessage());
                    err().flush();
                    refused.add(pod);
                }
            }
            if (refused.isEmpty()) {
                return evicted;
            }
            pending = refused;
            Thread.sleep(EVICTION_RETRY.toMillis());
        }
    }

    /** {@code --disable-eviction}, or a server without {@code pods/eviction}: plain DELETEs. */
    private List<JsonNode> deleteAll(List<JsonNode> pods, ObjectNode deleteOptions) throws ApiException {
        List<JsonNode> deleted = new ArrayList<>();
        for (JsonNode pod : pods) {
            try {
                api().delete(ResourceKinds.PODS, pod.path("metadata").path("namespace").asText(),
                        pod.path("metadata").path("name").asText(), deleteOptions);
                deleted.add(pod);
            } catch (ApiException.NotFoundException e) {
                // already gone: nothing to wait for
            }
        }
        return deleted;
    }
}
