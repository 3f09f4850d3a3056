package io.tugboat.kubectl.workload;

import com.fasterxml.jackson.databind.JsonNode;
import io.tugboat.api.ResourceKind;
import io.tugboat.api.ResourceKinds;
import io.tugboat.client.ApiException;
import io.tugboat.kubectl.cli.CliException;
import io.tugboat.kubectl.cli.Verb;
import io.tugboat.kubectl.resource.Selectors;
import io.tugboat.kubectl.resource.Target;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code tug logs POD | TYPE/NAME [-c CONTAINER] [-f] [--tail N] [--previous] [--timestamps]}: the log of one
 * container, read from {@code pods/NAME/log}, which the API server proxies to the pod's kubelet. For a
 * workload ({@code deploy/web}) the first pod its selector matches is used, running and ready ones first, as
 * kubectl picks it; without {@code -c} the {@code kubectl.kubernetes.io/default-container} annotation or the
 * first container is used.
 */
@Command(name = "logs", description = "Print the logs for a container in a pod.")
public final class LogsCommand extends Verb {
    static final String DEFAULT_CONTAINER = "kubectl.kubernetes.io/default-container";

    @Parameters(arity = "1..2", paramLabel = "POD | TYPE/NAME [CONTAINER]")
    List<String> args = new ArrayList<>();

    @Option(names = {"-c", "--container"})
    String container;

    @Option(names = {"-f", "--follow"}, description = "Stream the log as it grows.")
    boolean follow;

    @Option(names = "--tail", defaultValue = "-1", description = "Lines from the end to show (-1: all).")
    int tail;

    @Option(names = {"-p", "--previous"}, description = "The previous instance of the container.")
    boolean previous;

    @Option(names = "--timestamps", description = "Prefix each line with its RFC3339 timestamp.")
    boolean timestamps;

    @Override
    public Integer call() throws Exception {
        String podName;
        String containerArg = args.size() == 2 ? args.get(1) : null;
        if (args.get(0).contains("/")) {
            Target target = Target.one(List.of(args.get(0)), "tug logs");
            podName = target.kind() == ResourceKinds.PODS ? target.name() : firstPod(target);
        } else {
            podName = args.get(0);
        }
        JsonNode pod;
        try {
            pod = api().get(ResourceKinds.PODS, namespace(), podName);
        } catch (ApiException.NotFoundException e) {
            throw new CliException("error from server (NotFound): " + e.getMessage() + " in namespace \"" + namespace() + "\"");
        }
        String chosen = container != null ? container : containerArg != null ? containerArg : defaultContainer(pod);
        Map<String, String> query = new LinkedHashMap<>();
        query.put("container", chosen);
        if (follow) {
            query.put("follow", "true");
        }
        if (tail >= 0) {
            query.put("tailLines", Integer.toString(tail));
        }
        if (previous) {
            query.put("previous", "true");
        }
        if (timestamps) {
            query.put("timestamps", "true");
        }
        try (InputStream in = api().log(namespace(), podName, query)) {
            byte[] buffer = new byte[8192];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                out().print(new String(buffer, 0, n, StandardCharsets.UTF_8));
                out().flush();
            }
        } catch (IOException e) {
            throw new CliException("reading the log of " + podName + ": " + e.getMessage());
        }
        return 0;
    }

    private String defaultContainer(JsonNode pod) {
        String annotated = pod.path("metadata").path("annotations").path(DEFAULT_CONTAINER).asText("");
        if (!annotated.isEmpty()) {
            return annotated;
        }
        List<String> names = new ArrayList<>();
        pod.path("spec").path("containers").forEach(c -> names.add(c.path("name").asText()));
        if (names.isEmpty()) {
            throw new CliException("pod " + pod.path("metadata").path("name").asText() + " has no containers");
        }
        if (names.size() > 1) {
            err().println("Defaulted container \"" + names.get(0) + "\" out of: " + String.join(", ", names));
        }
        return names.get(0);
    }

    /** The pod kubectl would pick for a workload: running and ready first, then the oldest. */
    private String firstPod(Target target) throws ApiException {
        ResourceKind<?> kind = target.kind();
        JsonNode object = api().get(kind, namespace(), target.name());
        String selector = Selectors.of(object);
        List<JsonNode> pods = new ArrayList<>();
        api().list(ResourceKinds.PODS, namespace(), selector, null, false).path("items").forEach(pods::add);
        if (pods.isEmpty()) {
            throw new CliException("no pods found for " + kind.plural() + "/" + target.name());
        }
        pods.sort(Comparator.comparing((JsonNode p) -> !"Running".equals(p.path("status").path("phase").asText()))
                .thenComparing(p -> !ready(p))
                .thenComparing(p -> p.path("metadata").path("creationTimestamp").asText()));
        if (pods.size() > 1) {
            err().println("Found " + pods.size() + " pods, using pod/" + pods.get(0).path("metadata").path("name").asText());
        }
        return pods.get(0).path("metadata").path("name").asText();
    }

    private static boolean ready(JsonNode pod) {
        for (JsonNode condition : pod.path("status").path("conditions")) {
            if ("Ready".equals(condition.path("type").asText())) {
                return "True".equals(condition.path("status").asText());
            }
        }
        return false;
    }
}
