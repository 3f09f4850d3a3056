package io.tugboat.kubelet.pod;

import io.tugboat.api.core.ConfigMap;
import io.tugboat.api.core.PersistentVolume;
import io.tugboat.api.core.PersistentVolumeClaim;
import io.tugboat.api.core.Secret;
import java.util.Optional;

/**
 * The API objects a pod's containers draw on — ConfigMaps and Secrets for environment and files, claims and
 * volumes for storage — read when a container is created. {@code Optional.empty()} means "does not exist".
 * An interface so that unit tests and hollow nodes can answer from memory.
 */
public interface PodResources {
    Optional<ConfigMap> configMap(String namespace, String name) throws Exception;

    Optional<Secret> secret(String namespace, String name) throws Exception;

    Optional<PersistentVolumeClaim> claim(String namespace, String name) throws Exception;

    Optional<PersistentVolume> volume(String name) throws Exception;

    /** Resources answered from the API server, one GET each. */
    static PodResources of(io.tugboat.client.ApiClient client) {
        return new PodResources() {
            @Override
            public Optional<ConfigMap> configMap(String namespace, String name) throws Exception {
                return get(() -> client.resources(io.tugboat.api.ResourceKinds.CONFIG_MAPS).inNamespace(namespace).get(name));
            }

            @Override
            public Optional<Secret> secret(String namespace, String name) throws Exception {
                return get(() -> client.resources(io.tugboat.api.ResourceKinds.SECRETS).inNamespace(namespace).get(name));
            }

            @Override
            public Optional<PersistentVolumeClaim> claim(String namespace, String name) throws Exception {
                return get(() -> client.resources(io.tugboat.api.ResourceKinds.PERSISTENT_VOLUME_CLAIMS).inNamespace(namespace).get(name));
            }

            @Override
            public Optional<PersistentVolume> volume(String name) throws Exception {
                return get(() -> client.resources(io.tugboat.api.ResourceKinds.PERSISTENT_VOLUMES).get(name));
            }
        };
    }

    /** Nothing exists: for pods that use none of these. */
    static PodResources none() {
        return new PodResources() {
            @Override
            public Optional<ConfigMap> configMap(String namespace, String name) {
                return Optional.empty();
            }

            @Override
            public Optional<Secret> secret(String namespace, String name) {
                return Optional.empty();
            }

            @Override
            public Optional<PersistentVolumeClaim> claim(String namespace, String name) {
                return Optional.empty();
            }

            @Override
            public Optional<PersistentVolume> volume(String name) {
                return Optional.empty();
            }
        };
    }

    private static <T> Optional<T> get(Getter<T> getter) throws Exception {
        try {
            return Optional.of(getter.get());
        } catch (io.tugboat.client.ApiException.NotFoundException e) {
            return Optional.empty();
        }
    }

    /** A GET that may fail. */
    interface Getter<T> {
        T get() throws Exception;
    }
}
