package io.tugboat.scheduler;

import io.tugboat.api.ResourceKinds;
import io.tugboat.api.core.ObjectReference;
import io.tugboat.api.core.PersistentVolume;
import io.tugboat.api.core.PersistentVolumeClaim;
import io.tugboat.api.storage.VolumeMatcher;
import io.tugboat.client.ApiClient;
import io.tugboat.client.ApiException;
import io.tugboat.scheduler.framework.Handle;
import java.util.HashMap;
import java.util.Map;

/**
 * VolumeBinding's PreBind writes through the API server. Both are updates carrying the resourceVersion the
 * scheduler's cache read, so a volume another claim took meanwhile, or a claim changed meanwhile, is a 409 and the
 * pod is scheduled again on fresh data (never a volume bound to two claims).
 */
final class ApiVolumeWriter implements Handle.VolumeWriter {
    private final ApiClient client;

    ApiVolumeWriter(ApiClient client) {
        this.client = client;
    }

    @Override
    public void preBind(PersistentVolume volume, PersistentVolumeClaim claim) throws ApiException {
        ObjectReference ref = new ObjectReference("PersistentVolumeClaim", claim.metadata().namespace(),
                claim.metadata().name(), claim.metadata().uid(), "v1", claim.metadata().resourceVersion(), null);
        client.resources(ResourceKinds.PERSISTENT_VOLUMES).update(volume.withSpec(volume.spec().withClaimRef(ref)));
    }

    @Override
    public void selectNode(PersistentVolumeClaim claim, String node) throws ApiException {
        Map<String, String> annotations = claim.metadata().annotations() == null ? new HashMap<>()
                : new HashMap<>(claim.metadata().annotations());
        annotations.put(VolumeMatcher.SELECTED_NODE, node);
        client.resources(ResourceKinds.PERSISTENT_VOLUME_CLAIMS).inNamespace(claim.metadata().namespace())
                .update(claim.withMetadata(claim.metadata().withAnnotations(annotations)));
    }
}
