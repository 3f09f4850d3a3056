package io.tugboat.kubectl.workload;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tugboat.api.ResourceKind;
import io.tugboat.api.ResourceKinds;
import io.tugboat.client.ApiException;
import io.tugboat.kubectl.resource.Api;
import io.tugboat.kubectl.resource.Selectors;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A workload's history, oldest first, as kubectl's history viewers read it:
 *
 * <pre>
 *   Deployment               its ReplicaSets, numbered by the deployment.kubernetes.io/revision annotation;
 *                            a revision's template is the ReplicaSet's spec.template
 *   DaemonSet, StatefulSet   its ControllerRevisions, numbered by their revision field; a revision's
 *                            template is in data: {"spec":{"template":{..., "$patch":"replace"}}}
 * </pre>
 *
 * Either way only objects found by the workload's selector whose controller ownerReference is the workload's uid
 * count.
 */
final class Revisions {
    static final String REVISION = "deployment.kubernetes.io/revision";
    static final String CHANGE_CAUSE = "kubernetes.io/change-cause";

    /**
     * One revision: its number, the object recording it (a ReplicaSet or a ControllerRevision) and the pod
     * template it holds.
     */
    record Revision(long number, JsonNode recorded, JsonNode template) {
        String changeCause() {
            return recorded.path("metadata").path("annotations").path(CHANGE_CAUSE).asText("<none>");
        }
    }

    private Revisions() {
    }

    /** Whether {@code kind} keeps a history tug can read. */
    static boolean supports(ResourceKind<?> kind) {
        return kind == ResourceKinds.DEPLOYMENTS || kind == ResourceKinds.DAEMON_SETS
                || kind == ResourceKinds.STATEFUL_SETS;
    }

    static List<Revision> of(Api api, ResourceKind<?> kind, JsonNode workload) throws ApiException {
        boolean deployment = kind == ResourceKinds.DEPLOYMENTS;
        JsonNode items = api.list(deployment ? ResourceKinds.REPLICA_SETS : ResourceKinds.CONTROLLER_REVISIONS,
                workload.path("metadata").path("namespace").asText(), Selectors.of(workload), null, false).path("items");
        String uid = workload.path("metadata").path("uid").asText();
        List<Revision> revisions = new ArrayList<>();
        for (JsonNode item : items) {
            if (!controlledBy(item, uid)) {
                continue;
            }
            if (deployment) {
                String number = item.path("metadata").path("annotations").path(REVISION).asText("");
                if (number.matches("\\d+")) {
                    revisions.add(new Revision(Long.parseLong(number), item, item.path("spec").path("template")));
                }
            } else if (item.path("revision").canConvertToLong()) {
                JsonNode template = item.path("data").path("spec").path("template").deepCopy();
                if (template instanceof ObjectNode map) {
                    map.remove("$patch");
                }
                revisions.add(new Revision(item.path("revision").asLong(), item, template));
            }
        }
        revisions.sort(Comparator.comparingLong(Revision::number));
        return revisions;
    }

    private static boolean controlledBy(JsonNode object, String uid) {
        for (JsonNode owner : object.path("metadata").path("ownerReferences")) {
            if (uid.equals(owner.path("uid").asText()) && owner.path("controller").asBoolean(false)) {
                return true;
            }
        }
        return false;
    }
}
