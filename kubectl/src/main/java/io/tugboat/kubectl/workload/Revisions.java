package io.tugboat.kubectl.workload;

import com.fasterxml.jackson.databind.JsonNode;
import io.tugboat.api.ResourceKinds;
import io.tugboat.client.ApiException;
import io.tugboat.kubectl.resource.Api;
import io.tugboat.kubectl.resource.Selectors;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A Deployment's history: the ReplicaSets it owns (found by its selector, kept if their controller
 * ownerReference is the Deployment's uid), each numbered by its {@code deployment.kubernetes.io/revision}
 * annotation, oldest first.
 */
final class Revisions {
    static final String REVISION = "deployment.kubernetes.io/revision";
    static final String CHANGE_CAUSE = "kubernetes.io/change-cause";

    /** One revision: its number and its ReplicaSet. */
    record Revision(long number, JsonNode replicaSet) {
    }

    private Revisions() {
    }

    static List<Revision> of(Api api, JsonNode deployment) throws ApiException {
        String uid = deployment.path("metadata").path("uid").asText();
        JsonNode sets = api.list(ResourceKinds.REPLICA_SETS, deployment.path("metadata").path("namespace").asText(),
                Selectors.of(deployment), null, false);
        List<Revision> revisions = new ArrayList<>();
        for (JsonNode rs : sets.path("items")) {
            boolean owned = false;
            for (JsonNode owner : rs.path("metadata").path("ownerReferences")) {
                owned |= uid.equals(owner.path("uid").asText()) && owner.path("controller").asBoolean(false);
            }
            String number = rs.path("metadata").path("annotations").path(REVISION).asText("");
            if (owned && number.matches("\\d+")) {
                revisions.add(new Revision(Long.parseLong(number), rs));
            }
        }
        revisions.sort(Comparator.comparingLong(Revision::number));
        return revisions;
    }
}
