package io.tugboat.kubectl.workload;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tugboat.api.Codec;
import io.tugboat.client.ApiException;
import io.tugboat.kubectl.cli.CliException;
import io.tugboat.kubectl.cli.Verb;
import io.tugboat.kubectl.resource.Kinds;
import io.tugboat.kubectl.resource.Target;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code tug scale --replicas=N deploy/web}: a merge patch {@code {"spec":{"replicas":N}}} on the
 * {@code scale} subresource, as kubectl sends it. With {@code --current-replicas} the scale is read first and
 * the command refuses when it differs (kubectl's precondition).
 */
@Command(name = "scale", description = "Set a new size for a deployment, replica set or stateful set.")
public final class ScaleCommand extends Verb {

    @Parameters(arity = "1..*", paramLabel = "TYPE NAME | TYPE/NAME")
    List<String> args = new ArrayList<>();

    @Option(names = "--replicas", required = true, description = "The new number of replicas.")
    int replicas;

    @Option(names = "--current-replicas", defaultValue = "-1", description = "Only scale if the size is this now.")
    int currentReplicas;

    @Override
    public Integer call() throws Exception {
        if (replicas < 0) {
            throw new CliException("The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0");
        }
        for (Target target : Target.parse(args)) {
            if (!List.of("deployments", "replicasets", "statefulsets").contains(target.kind().plural())) {
                throw new CliException("cannot scale " + target.kind().plural());
            }
            for (String name : target.names()) {
                if (currentReplicas >= 0) {
                    JsonNode scale = api().request("GET", io.tugboat.kubectl.resource.Api.path(target.kind(), namespace(), name)
                            + "/scale", null, null, null, null);
                    int now = scale.path("spec").path("replicas").asInt(0);
                    if (now != currentReplicas) {
                        throw new CliException("Expected replicas to be " + currentReplicas + ", was " + now);
                    }
                }
                ObjectNode patch = Codec.json().createObjectNode();
                patch.putObject("spec").put("replicas", replicas);
                try {
                    api().patch(target.kind(), namespace(), name, "scale", "application/merge-patch+json", patch, null);
                } catch (ApiException.NotFoundException e) {
                    // kubectl's wording: it resolves the objects first and finds none.
                    throw new CliException("no objects passed to scale " + e.getMessage());
                }
                out().println(Kinds.qualified(target.kind()) + "/" + name + " scaled");
            }
        }
        return 0;
    }
}
