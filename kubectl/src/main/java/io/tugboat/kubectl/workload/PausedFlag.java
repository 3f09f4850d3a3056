package io.tugboat.kubectl.workload;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tugboat.api.Codec;
import io.tugboat.api.ResourceKinds;
import io.tugboat.client.ApiException;
import io.tugboat.kubectl.cli.CliException;
import io.tugboat.kubectl.cli.Verb;
import io.tugboat.kubectl.resource.Api;
import io.tugboat.kubectl.resource.Kinds;
import io.tugboat.kubectl.resource.Target;
import java.util.List;

/**
 * {@code rollout pause|resume}: sets or clears a Deployment's {@code spec.paused} with a strategic merge patch;
 * a paused Deployment's template changes wait until it is resumed. Already in that state is an error, as in
 * kubectl ({@code deployments.apps "web" is already paused}).
 */
final class PausedFlag {
    private PausedFlag() {
    }

    static int set(Verb verb, Api api, String namespace, List<String> args, boolean paused) throws ApiException {
        Target target = Target.one(args, "tug rollout " + (paused ? "pause" : "resume"));
        if (target.kind() != ResourceKinds.DEPLOYMENTS) {
            throw new CliException((paused ? "pausing" : "resuming") + " is not supported for " + target.kind().plural());
        }
        JsonNode deployment = api.get(target.kind(), namespace, target.name());
        String resource = target.kind().plural() + "." + target.kind().group();
        if (deployment.path("spec").path("paused").asBoolean(false) == paused) {
            throw new CliException(resource + " \"" + target.name() + "\" is " + (paused ? "already paused" : "not paused"));
        }
        ObjectNode patch = Codec.json().createObjectNode();
        if (paused) {
            patch.putObject("spec").put("paused", true);
        } else {
            patch.putObject("spec").putNull("paused");
        }
        api.patch(target.kind(), namespace, target.name(), null, "application/strategic-merge-patch+json", patch, null);
        verb.spec().commandLine().getOut().println(Kinds.qualified(target.kind()) + "/" + target.name() + (paused ? " paused" : " resumed"));
        return 0;
    }
}
