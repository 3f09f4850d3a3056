package io.tugboat.controllermanager.history;

import com.fasterxml.jackson.databind.JsonNode;
import io.tugboat.api.apps.ControllerRevision;
import io.tugboat.api.meta.KubernetesObject;
import io.tugboat.api.meta.OwnerReference;
import io.tugboat.client.ApiException;
import io.tugboat.client.ObjectClient;
import io.tugboat.controllermanager.common.ControllerRefs;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The writing half of ControllerRevision handling, shared by the DaemonSet and StatefulSet controllers
 * (Kubernetes' {@code constructHistory} and {@code getStatefulSetRevisions}):
 *
 * <pre>
 *   candidate = newRevision(template, revision = max + 1)
 *   an owned revision equal to it?   yes: it is the update revision; if it is not the newest, re-number it max + 1
 *                                    (a rollback to an old template makes that revision the newest again)
 *                                    no:  create the candidate; if its name is taken by a different revision
 *                                         (a hash collision), report {@link Collision}: the caller bumps
 *                                         status.collisionCount and tries again with a new hash
 * </pre>
 */
public final class RevisionHistory {
    /** The revision's name is taken by a revision with other data: retry with {@code collisionCount + 1}. */
    public static final class Collision extends Exception {
        public Collision(String name) {
            super("ControllerRevision " + name + " exists with different data");
        }
    }

    /** What {@link #ensure} found or made: the update revision, and every owned revision including it. */
    public record Synced(ControllerRevision update, List<ControllerRevision> all) {
    }

    private final ObjectClient<ControllerRevision> client;

    public RevisionHistory(ObjectClient<ControllerRevision> client) {
        this.client = client;
    }

    /**
     * Makes sure a revision recording {@code data} exists among {@code owned} and is the newest.
     *
     * @param owned the revisions the parent controls (claimed already)
     */
    public Synced ensure(KubernetesObject parent, OwnerReference ref, Map<String, String> templateLabels, JsonNode data,
                         Integer collisionCount, List<ControllerRevision> owned) throws ApiException, Collision {
        long next = ControllerHistory.maxRevision(owned) + 1;
        ControllerRevision candidate = ControllerHistory.newRevision(parent, ref, templateLabels, data, next, collisionCount);
        List<ControllerRevision> equal = ControllerHistory.findEqual(owned, candidate);
        List<ControllerRevision> all = new ArrayList<>(owned);
        ObjectClient<ControllerRevision> ns = client.inNamespace(parent.metadata().namespace());
        if (!equal.isEmpty()) {
            ControllerRevision found = equal.get(equal.size() - 1);
            long current = found.revision() == null ? 0 : found.revision();
            if (current < ControllerHistory.maxRevision(owned)) {
                ControllerRevision renumbered = ns.update(found.withRevision(next));
                all.remove(found);
                all.add(renumbered);
                return new Synced(renumbered, all);
            }
            return new Synced(found, all);
        }
        try {
            ControllerRevision created = ns.create(candidate);
            all.add(created);
            return new Synced(created, all);
        } catch (ApiException.AlreadyExistsException e) {
            ControllerRevision existing = ns.get(candidate.metadata().name());
            OwnerReference owner = ControllerRefs.controllerOf(existing);
            if (ControllerHistory.equal(existing, candidate) && owner != null && ref.uid().equals(owner.uid())) {
                all.add(existing);
                return new Synced(existing, all);
            }
            throw new Collision(candidate.metadata().name());
        }
    }

    /** Deletes the revisions {@link ControllerHistory#toPrune} picks; one already gone is fine. */
    public void prune(List<ControllerRevision> owned, Set<String> liveHashes, Set<String> keep, int limit)
            throws ApiException {
        for (ControllerRevision doomed : ControllerHistory.toPrune(owned, liveHashes, keep, limit)) {
            try {
                client.inNamespace(doomed.metadata().namespace()).delete(doomed.metadata().name(), null);
            } catch (ApiException.NotFoundException e) {
                // pruned already
            }
        }
    }
}
