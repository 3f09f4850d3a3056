package io.tugboat.kubectl.workload;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * kubectl's rollout status viewers ({@code polymorphichelpers/rollout_status.go}): from one read of the object,
 * the line to print and whether the rollout is done. Pure, so tests table it.
 *
 * @param message the line, with its newline
 * @param done    the rollout finished
 * @param failed  the rollout can not finish (a Deployment past its progress deadline); message says why
 */
public record RolloutStatus(String message, boolean done, boolean failed) {

    static RolloutStatus of(JsonNode object) {
        return switch (object.path("kind").asText()) {
            case "Deployment" -> deployment(object);
            case "DaemonSet" -> daemonSet(object);
            case "StatefulSet" -> statefulSet(object);
            default -> new RolloutStatus("no status viewer has been implemented for " + object.path("kind").asText(), false, true);
        };
    }

    static RolloutStatus deployment(JsonNode d) {
        String name = d.path("metadata").path("name").asText();
        JsonNode spec = d.path("spec");
        JsonNode status = d.path("status");
        if (d.path("metadata").path("generation").asLong(0) > status.path("observedGeneration").asLong(0)) {
            return new RolloutStatus("Waiting for deployment spec update to be observed...\n", false, false);
        }
        for (JsonNode condition : status.path("conditions")) {
            if ("Progressing".equals(condition.path("type").asText())
                    && "ProgressDeadlineExceeded".equals(condition.path("reason").asText())) {
                return new RolloutStatus("deployment \"" + name + "\" exceeded its progress deadline", false, true);
            }
        }
        int replicas = spec.path("replicas").asInt(1);
        int updated = status.path("updatedReplicas").asInt(0);
        int total = status.path("replicas").asInt(0);
        int available = status.path("availableReplicas").asInt(0);
        if (spec.has("replicas") && updated < replicas) {
            return waiting(name, updated + " out of " + replicas + " new replicas have been updated...");
        }
        if (total > updated) {
            return waiting(name, (total - updated) + " old replicas are pending termination...");
        }
        if (available < updated) {
            return waiting(name, available + " of " + updated + " updated replicas are available...");
        }
        return new RolloutStatus("deployment \"" + name + "\" successfully rolled out\n", true, false);
    }

    private static RolloutStatus waiting(String name, String what) {
        return new RolloutStatus("Waiting for deployment \"" + name + "\" rollout to finish: " + what + "\n", false, false);
    }

    static RolloutStatus daemonSet(JsonNode ds) {
        String name = ds.path("metadata").path("name").asText();
        JsonNode status = ds.path("status");
        if (!"RollingUpdate".equals(ds.path("spec").path("updateStrategy").path("type").asText("RollingUpdate"))) {
            return new RolloutStatus("rollout status is only available for RollingUpdate strategy type", false, true);
        }
        if (ds.path("metadata").path("generation").asLong(0) > status.path("observedGeneration").asLong(0)) {
            return new RolloutStatus("Waiting for daemon set spec update to be observed...\n", false, false);
        }
        int desired = status.path("desiredNumberScheduled").asInt(0);
        int updated = status.path("updatedNumberScheduled").asInt(0);
        int available = status.path("numberAvailable").asInt(0);
        if (updated < desired) {
            return new RolloutStatus("Waiting for daemon set \"" + name + "\" rollout to finish: " + updated + " out of "
                    + desired + " new pods have been updated...\n", false, false);
        }
        if (available < desired) {
            return new RolloutStatus("Waiting for daemon set \"" + name + "\" rollout to finish: " + available + " of "
                    + desired + " updated pods are available...\n", false, false);
        }
        return new RolloutStatus("daemon set \"" + name + "\" successfully rolled out\n", true, false);
    }

    static RolloutStatus statefulSet(JsonNode sts) {
        JsonNode status = sts.path("status");
        long observed = status.path("observedGeneration").asLong(0);
        if (observed == 0 || sts.path("metadata").path("generation").asLong(0) > observed) {
            return new RolloutStatus("Waiting for statefulset spec update to be observed...\n", false, false);
        }
        int replicas = sts.path("spec").path("replicas").asInt(1);
        int ready = status.path("readyReplicas").asInt(0);
        if (sts.path("spec").has("replicas") && ready < replicas) {
            return new RolloutStatus("Waiting for " + (replicas - ready) + " pods to be ready...\n", false, false);
        }
        String update = status.path("updateRevision").asText("");
        String current = status.path("currentRevision").asText("");
        if (!update.equals(current)) {
            return new RolloutStatus("waiting for statefulset rolling update to complete " + status.path("updatedReplicas").asInt(0)
                    + " pods at revision " + update + "...\n", false, false);
        }
        return new RolloutStatus("statefulset rolling update complete " + status.path("currentReplicas").asInt(0)
                + " pods at revision " + current + "...\n", true, false);
    }
}
