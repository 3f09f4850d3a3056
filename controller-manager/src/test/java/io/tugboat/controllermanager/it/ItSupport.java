package io.tugboat.controllermanager.it;

import io.tugboat.api.ResourceKind;
import io.tugboat.api.core.ConfigMap;
import io.tugboat.api.meta.KubernetesObject;
import io.tugboat.api.meta.ObjectMeta;
import io.tugboat.api.meta.OwnerReference;
import io.tugboat.client.ApiClient;
import io.tugboat.client.ApiException;
import io.tugboat.controllermanager.ControllerManager;
import io.tugboat.controllermanager.ControllerManagerOptions;
import io.tugboat.controllermanager.Controllers;
import io.tugboat.testcluster.TestCluster;
import io.tugboat.testsupport.Eventually;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/** What the controller-manager ITs share: starting controllers on a test cluster, and reading objects back. */
final class ItSupport {
    static final Duration TIMEOUT = Duration.ofSeconds(30);

    private ItSupport() {
    }

    /** The named controllers, in this JVM, on {@code cluster}, started (caches synced). */
    static ControllerManager startControllers(TestCluster cluster, ControllerManagerOptions options, String... controllers)
            throws Exception {
        ControllerManager manager = new ControllerManager(cluster.client(), Controllers.builtIn().select(List.of(controllers)),
                options, Clock.systemUTC());
        manager.start();
        return manager;
    }

    static void eventually(String what, BooleanSupplier condition) throws InterruptedException {
        Eventually.until(what, TIMEOUT, condition);
    }

    /** The object as the API server has it now, or empty. */
    static <T extends KubernetesObject> Optional<T> find(ApiClient client, ResourceKind<T> kind, String namespace, String name) {
        try {
            return Optional.of(client.resources(kind).inNamespace(kind.namespaced() ? namespace : null).get(name));
        } catch (ApiException.NotFoundException e) {
            return Optional.empty();
        } catch (ApiException e) {
            throw new IllegalStateException(e);
        }
    }

    static ConfigMap configMap(String namespace, String name, List<OwnerReference> owners, List<String> finalizers) {
        return ConfigMap.of(new ObjectMeta(name, null, namespace, null, null, null, null, null, null, null, null, null,
                owners, finalizers), Map.of("k", "v"), null, null);
    }

    /** A reference to {@code owner}, as a controller writes it. */
    static OwnerReference ownedBy(KubernetesObject owner, boolean blockOwnerDeletion) {
        return new OwnerReference(owner.apiVersion(), owner.kind(), owner.metadata().name(), owner.metadata().uid(), true,
                blockOwnerDeletion);
    }

    /** A reference to a second owner: only one reference may be the controller. */
    static OwnerReference alsoOwnedBy(KubernetesObject owner) {
        return new OwnerReference(owner.apiVersion(), owner.kind(), owner.metadata().name(), owner.metadata().uid(), false,
                false);
    }
}
