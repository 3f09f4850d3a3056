package io.tugboat.kubectl.workload;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tugboat.api.Codec;
import io.tugboat.api.ResourceKinds;
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
 * {@code tug rollout undo deploy/web [--to-revision=N]}: puts the pod template of an earlier ReplicaSet (by
 * default the revision before the current one) back into the Deployment, as kubectl's deployment rollbacker
 * does: a JSON patch replacing {@code /spec/template}, with the ReplicaSet's {@code pod-template-hash} label
 * removed. The deployment controller then rolls that template out as a new revision.
 */
@Command(name = "undo", description = "Undo a previous rollout.")
public final class RolloutUndoCommand extends Verb {

    @Parameters(arity = "1..2", paramLabel = "TYPE NAME | TYPE/NAME")
    List<String> args = new ArrayList<>();

    @Option(names = "--to-revision", defaultValue = "0", description = "The revision to go back to (0: the previous one).")
    long toRevision;

    @Override
    public Integer call() throws Exception {
        Target target = Target.one(args, "tug rollout undo");
        if (target.kind() != ResourceKinds.DEPLOYMENTS) {
            throw new CliException("tug rollout undo supports deployments only");
        }
        JsonNode deployment = api().get(target.kind(), namespace(), target.name());
        if (deployment.path("spec").path("paused").asBoolean(false)) {
            throw new CliException("you cannot rollback a paused deployment; resume it first with 'tug rollout resume "
                    + "deployment/" + target.name() + "' and try again");
        }
        List<Revisions.Revision> revisions = Revisions.of(api(), deployment);
        JsonNode chosen = null;
        if (toRevision > 0) {
            for (Revisions.Revision r : revisions) {
                if (r.number() == toRevision) {
                    chosen = r.replicaSet();
                }
            }
            if (chosen == null) {
                throw new CliException("unable to find specified revision " + toRevision + " in history");
            }
        } else {
            if (revisions.size() < 2) {
                throw new CliException("no rollout history found for deployment \"" + target.name() + "\"");
            }
            chosen = revisions.get(revisions.size() - 2).replicaSet();
        }
        ObjectNode template = chosen.path("spec").path("template").deepCopy();
        JsonNode labels = template.path("metadata").path("labels");
        if (labels instanceof ObjectNode map) {
            map.remove("pod-template-hash");
        }
        String display = Kinds.qualified(target.kind()) + "/" + target.name();
        if (template.equals(deployment.path("spec").path("template"))) {
            out().println(display + " skipped rollback (current template already matches revision "
                    + chosen.path("metadata").path("annotations").path(Revisions.REVISION).asText() + ")");
            return 0;
        }
        ArrayNode patch = Codec.json().createArrayNode();
        ObjectNode replace = patch.addObject();
        replace.put("op", "replace");
        replace.put("path", "/spec/template");
        replace.set("value", template);
        api().patch(target.kind(), namespace(), target.name(), null, "application/json-patch+json", patch, null);
        out().println(display + " rolled back");
        return 0;
    }
}
