package io.tugboat.kubectl.node;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Which pods a drain removes, as kubectl's {@code drain} filters decide (pure: one pod in, one verdict out).
 * In order: mirror pods are skipped; finished pods are always removed; DaemonSet pods are skipped with a
 * warning under {@code --ignore-daemonsets}, else block the drain (their controller would recreate them
 * anyway); pods with no controller block it unless {@code --force} (nothing would recreate them); pods with
 * {@code emptyDir} volumes block it unless {@code --delete-emptydir-data} (their data is lost).
 */
public final class DrainFilter {

    /** The verdict for one pod. */
    public enum Verdict { REMOVE, SKIP, BLOCK }

    /**
     * @param verdict what to do
     * @param reason  for SKIP and BLOCK, kubectl's message heading under which the pod is listed
     */
    public record Decision(Verdict verdict, String reason) {
    }

    private final boolean ignoreDaemonSets;
    private final boolean deleteEmptyDirData;
    private final boolean force;

    public DrainFilter(boolean ignoreDaemonSets, boolean deleteEmptyDirData, boolean force) {
        this.ignoreDaemonSets = ignoreDaemonSets;
        this.deleteEmptyDirData = deleteEmptyDirData;
        this.force = force;
    }

    public Decision decide(JsonNode pod) {
        if (pod.path("metadata").path("annotations").has("kubernetes.io/config.mirror")) {
            return new Decision(Verdict.SKIP, "ignoring mirror Pods");
        }
        String phase = pod.path("status").path("phase").asText("");
        if (phase.equals("Succeeded") || phase.equals("Failed")) {
            return new Decision(Verdict.REMOVE, null);
        }
        JsonNode controller = null;
        for (JsonNode owner : pod.path("metadata").path("ownerReferences")) {
            if (owner.path("controller").asBoolean(false)) {
                controller = owner;
            }
        }
        if (controller != null && controller.path("kind").asText().equals("DaemonSet")) {
            return ignoreDaemonSets
                    ? new Decision(Verdict.SKIP, "ignoring DaemonSet-managed Pods")
                    : new Decision(Verdict.BLOCK, "cannot delete DaemonSet-managed Pods (use --ignore-daemonsets to ignore)");
        }
        if (controller == null && !force) {
            return new Decision(Verdict.BLOCK, "cannot delete Pods that declare no controller (use --force to override)");
        }
        for (JsonNode volume : pod.path("spec").path("volumes")) {
            if (volume.has("emptyDir") && !deleteEmptyDirData) {
                return new Decision(Verdict.BLOCK, "cannot delete Pods with local storage (use --delete-emptydir-data to override)");
            }
        }
        if (controller == null) {
            return new Decision(Verdict.REMOVE, "deleting Pods that declare no controller");
        }
        return new Decision(Verdict.REMOVE, null);
    }
}
