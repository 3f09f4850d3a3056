package io.tugboat.kubectl.workload;

import com.fasterxml.jackson.databind.JsonNode;
import io.tugboat.api.ResourceKinds;
import io.tugboat.kubectl.cli.CliException;
import io.tugboat.kubectl.cli.Verb;
import io.tugboat.kubectl.printers.KubeYaml;
import io.tugboat.kubectl.printers.TabWriter;
import io.tugboat.kubectl.resource.Kinds;
import io.tugboat.kubectl.resource.Target;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code tug rollout history deploy/web [--revision=N]}: the revisions of a Deployment with their change cause,
 * as kubectl lists them; with {@code --revision} the pod template of that revision.
 */
@Command(name = "history", description = "View previous rollout revisions and configurations.")
public final class RolloutHistoryCommand extends Verb {

    @Parameters(arity = "1..2", paramLabel = "TYPE NAME | TYPE/NAME")
    List<String> args = new ArrayList<>();

    @Option(names = "--revision", defaultValue = "0", description = "Show the details of this revision.")
    long revision;

    @Override
    public Integer call() throws Exception {
        Target target = Target.one(args, "tug rollout history");
        if (target.kind() != ResourceKinds.DEPLOYMENTS) {
            throw new CliException("tug rollout history supports deployments only");
        }
        JsonNode deployment = api().get(target.kind(), namespace(), target.name());
        List<Revisions.Revision> revisions = Revisions.of(api(), deployment);
        String display = Kinds.qualified(target.kind()) + "/" + target.name();
        if (revision > 0) {
            for (Revisions.Revision r : revisions) {
                if (r.number() == revision) {
                    out().println(display + " with revision #" + revision);
                    out().print(KubeYaml.write(r.replicaSet().path("spec").path("template")));
                    return 0;
                }
            }
            throw new CliException("unable to find the specified revision");
        }
        if (revisions.isEmpty()) {
            out().println("No rollout history found.");
            return 0;
        }
        out().println(display + " ");
        TabWriter table = TabWriter.forDescribe();
        table.line("REVISION\tCHANGE-CAUSE");
        for (Revisions.Revision r : revisions) {
            String cause = r.replicaSet().path("metadata").path("annotations").path(Revisions.CHANGE_CAUSE).asText("<none>");
            table.line(r.number() + "\t" + cause);
        }
        out().print(table.flush());
        out().println();
        return 0;
    }
}
