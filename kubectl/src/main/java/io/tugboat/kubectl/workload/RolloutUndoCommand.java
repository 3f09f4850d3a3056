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
 * {@code tug rollout undo deploy/web [--to-revision=N]}: puts the pod template of an earlier revision (by default
 * the one before the current one) back into the workload, as kubectl's rollbackers do. A Deployment gets a JSON
 * patch replacing {@code /spec/template} with the ReplicaSet's, its {@code pod-template-hash} label removed; a
 * DaemonSet or StatefulSet gets its ControllerRevision's {@code data} as a strategic merge patch (which replaces
 * the template: {@code "$patch": "replace"}). The controller then rolls that template out.
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
        if (!Revisions.supports(target.kind())) {
            throw new CliException("no rollbacker has been implemented for " + target.kind().plural());
        }
        boolean isDeployment = target.kind() == ResourceKinds.DEPLOYMENTS;
        JsonNode deployment = api().get(target.kind(), namespace(), target.name());
        if (isDeployment && deployment.path("spec").path("paused").asBoolean(false)) {
            throw new CliException("you cannot rollback a paused deployment; resume it first with 'tug rollout resume "
                    + "deployment/" + target.name() + "' and try again");
        }
        List<Revisions.Revision> revisions = Revisions.of(api(), target.kind(), deployment);
        Revisions.Revision chosen = null;
        if (toRevision > 0) {
            for (Revisions.Revision r : revisions) {
                if (r.number() == toRevision) {
                    chosen = r;
                }
            }
            if (chosen == null) {
                throw new CliException("unable to find specified revision " + toRevision + " in history");
            }
        } else {
            if (revisions.size() < 2) {
                throw new CliException(isDeployment ? "no rollout history found for deployment \"" + target.name() + "\""
                        : "no last revision to roll back to");
            }
            chosen = revisions.get(revisions.size() - 2);
        }
        ObjectNode template = chosen.template().deepCopy();
        JsonNode labels = template.path("metadata").path("labels");
        if (isDeployment && labels instanceof ObjectNode map) {
            map.remove("pod-template-hash");
        }
        String display = Kinds.qualified(target.kind()) + "/" + target.name();
        if (template.equals(deployment.path("spec").path("template"))) {
            out().println(display + " skipped rollback (current template already matches revision "
                    + chosen.number() + ")");
            return 0;
        }
        if (isDeployment) {
            ArrayNode patch = Codec.json().createArrayNode();
            ObjectNode replace = patch.addObject();
            replace.put("op", "replace");
            replace.put("path", "/spec/template");
            replace.set("value", template);
            api().patch(target.kind(), namespace(), target.name(), null, "application/json-patch+json", patch, null);
        } else {
            api().patch(target.kind(), namespace(), target.name(), null, "application/strategic-merge-patch+json",
                    chosen.recorded().path("data"), null);
        }
        out().println(display + " rolled back");
        return 0;
    }
}
