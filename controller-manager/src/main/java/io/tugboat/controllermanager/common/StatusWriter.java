package io.tugboat.controllermanager.common;

import io.tugboat.api.meta.KubernetesObject;
import io.tugboat.client.ApiException;
import io.tugboat.client.ObjectClient;
import java.util.function.UnaryOperator;

/**
 * Writes a status a controller computed from its caches, the way Kubernetes' workload controllers do: over the
 * cached object first; if the cache was behind (409 Conflict), once more over the latest version read from the
 * API server, with the same computed status — the observed generation inside it stays the one the counts were
 * computed for, so a reader never mistakes old counts for new. An object deleted meanwhile is not an error.
 */
public final class StatusWriter {
    private StatusWriter() {
    }

    /**
     * @param client     the kind's client, already in the object's namespace
     * @param cached     the object as the controller's cache had it
     * @param withStatus puts the computed status on a copy of the object it is given
     */
    public static <T extends KubernetesObject> void write(ObjectClient<T> client, T cached, UnaryOperator<T> withStatus)
            throws ApiException {
        try {
            client.updateStatus(withStatus.apply(cached));
        } catch (ApiException.ConflictException e) {
            T latest = client.get(cached.metadata().name());
            client.updateStatus(withStatus.apply(latest));
        } catch (ApiException.NotFoundException e) {
            // deleted meanwhile
        }
    }
}
