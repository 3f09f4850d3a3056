package io.tugboat.kubectl.workload;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tugboat.api.Codec;
import io.tugboat.kubectl.cli.CliException;
import io.tugboat.kubectl.cli.Verb;
import io.tugboat.kubectl.resource.Kinds;
import io.tugboat.kubectl.resource.Target;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code tug rollout restart deploy/web}: changes the pod template's {@code kubectl.kubernetes.io/restartedAt}
 * annotation to now, so the controller rolls every pod over, exactly as kubectl does.
 */
@Command(name = "restart", description = "Restart a resource.")
public final class RolloutRestartCommand extends Verb {

    @Parameters(arity = "1..2", paramLabel = "TYPE NAME | TYPE/NAME")
    List<String> args = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        Target target = Target.one(args, "tug rollout restart");
        if (!List.of("deployments", "daemonsets", "statefulsets").contains(target.kind().plural())) {
            throw new CliException("restarting is not supported for " + target.kind().plural());
        }
        ObjectNode patch = Codec.json().createObjectNode();
        patch.with("spec").with("template").with("metadata").with("annotations")
                .put("kubectl.kubernetes.io/restartedAt", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        api().patch(target.kind(), namespace(), target.name(), null, "application/strategic-merge-patch+json", patch, null);
        out().println(Kinds.qualified(target.kind()) + "/" + target.name() + " restarted");
        return 0;
    }
}
