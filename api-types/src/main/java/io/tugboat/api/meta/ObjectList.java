package io.tugboat.api.meta;

import io.tugboat.api.Copies;
import java.util.List;

/**
 * A list response ({@code PodList}, {@code DeploymentList}...): one record serves every kind, since all
 * Kubernetes lists share this shape. {@code metadata.resourceVersion} is the revision the list was read at,
 * from which a watch continues without missing anything.
 */
public record ObjectList<T>(String apiVersion, String kind, ListMeta metadata, List<T> items) {
    public ObjectList {
        items = Copies.list(items);
    }
}
