package io.tugboat.controllermanager.endpointslice;

import io.tugboat.api.discovery.EndpointSlice;
import java.util.List;

/**
 * What the EndpointSlice controller must write for one Service: slices to create (named by the API server from
 * their {@code generateName}), slices to update (as read, with new endpoints, ports or labels) and slices to
 * delete. Empty when the slices already say the right thing.
 */
public record SlicePlan(List<EndpointSlice> creates, List<EndpointSlice> updates, List<EndpointSlice> deletes) {
    public SlicePlan {
        creates = List.copyOf(creates);
        updates = List.copyOf(updates);
        deletes = List.copyOf(deletes);
    }

    /** Whether nothing needs writing. */
    public boolean isEmpty() {
        return creates.isEmpty() && updates.isEmpty() && deletes.isEmpty();
    }
}
