package io.tugboat.kubectl.workload;

import com.fasterxml.jackson.databind.JsonNode;
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
 * {@code tug rollout history deploy/web [--revision=N]}: the revisions of a Deployment, DaemonSet or StatefulSet
 * with their change cause, as kubectl lists them ({@link Revisions}); with {@code --revision} the pod template of
 * that revision.
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
        if (!Revisions.supports(target.kind())) {
            throw new CliException("no history viewer has been implemented for " + target.kind().plural());
        }
        JsonNode workload = api().get(target.kind(), namespace(), target.name());
        List<Revisions.Revision> revisions = Revisions.of(api(), target.kind(), workload);
        String display = Kinds.qualified(target.kind()) + "/" + target.name();
        if (revision > 0) {
            for (Revisions.Revision r : revisions) {
                if (r.number() == revision) {
                    out().println(display + " with revision #" + revision);
                    out().print(KubeYaml.write(r.template()));
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
            table.line(r.number() + "\t" + r.changeCause());
        }
        out().print(table.flush());
        out().println();
        return 0;
    }
}
