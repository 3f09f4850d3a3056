package io.tugboat.kubectl.node;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tugboat.api.Codec;
import io.tugboat.api.ResourceKinds;
import io.tugboat.client.ApiException;
import io.tugboat.kubectl.resource.Api;
import java.io.PrintWriter;

/**
 * Marking a node (un)schedulable: a strategic merge patch of {@code spec.unschedulable}, skipped with
 * "already cordoned" when there is nothing to change, as kubectl's {@code CordonHelper}.
 */
final class Cordon {
    private Cordon() {
    }

    static void set(Api api, String node, boolean unschedulable, PrintWriter out) throws ApiException {
        JsonNode current = api.get(ResourceKinds.NODES, null, node);
        String word = unschedulable ? "cordoned" : "uncordoned";
        if (current.path("spec").path("unschedulable").asBoolean(false) == unschedulable) {
            out.println("node/" + node + " already " + word);
            return;
        }
        ObjectNode patch = Codec.json().createObjectNode();
        if (unschedulable) {
            patch.putObject("spec").put("unschedulable", true);
        } else {
            patch.putObject("spec").putNull("unschedulable");
        }
        api.patch(ResourceKinds.NODES, null, node, null, "application/strategic-merge-patch+json", patch, null);
        out.println("node/" + node + " " + word);
        out.flush();
    }
}
