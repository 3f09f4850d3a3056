package io.tugboat.kubectl.cluster;

import io.tugboat.api.ResourceKinds;
import io.tugboat.api.meta.ObjectMeta;
import io.tugboat.api.storage.StorageClass;
import io.tugboat.client.ApiClient;
import io.tugboat.client.ApiException;
import java.util.Map;

/**
 * The StorageClass a {@code tug up} cluster starts with, as kind's and minikube's clusters start with theirs:
 * {@value #NAME}, served by the controller manager's built-in {@code tugboat.io/host-path} provisioner, marked as
 * the default so that a claim without {@code storageClassName} gets a volume (the API server's DefaultStorageClass
 * admission fills the class in). {@code WaitForFirstConsumer}: the volume is made on the node the scheduler picks
 * for the first pod that uses it; {@code Delete}: the directory goes with the claim.
 *
 * <p>Created only if absent (the addon manager's "EnsureExists"): a class the user changed, or whose default mark
 * they removed, is left as it is when the cluster is brought up again.
 */
final class DefaultStorageClassAddon {
    /** The class's name, the one deploy/examples/storageclass.yaml also defines. */
    static final String NAME = "host-path";

    private DefaultStorageClassAddon() {
    }

    /** The class {@code tug up} creates. */
    static StorageClass storageClass() {
        ObjectMeta meta = new ObjectMeta(NAME, null, null, null, null, null, null, null, null, null,
                Map.of("addonmanager.kubernetes.io/mode", "EnsureExists"),
                Map.of("storageclass.kubernetes.io/is-default-class", "true"), null, null);
        return StorageClass.of(meta, "tugboat.io/host-path", null, "Delete", null, null, "WaitForFirstConsumer");
    }

    /** Creates the class unless a class of that name exists; returns whether it created it. */
    static boolean ensure(ApiClient client) throws ApiException {
        try {
            client.resources(ResourceKinds.STORAGE_CLASSES).create(storageClass());
            return true;
        } catch (ApiException.AlreadyExistsException e) {
            return false;
        }
    }
}
