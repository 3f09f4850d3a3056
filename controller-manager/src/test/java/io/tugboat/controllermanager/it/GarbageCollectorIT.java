package io.tugboat.controllermanager.it;

import static io.tugboat.controllermanager.it.ItSupport.configMap;
import static io.tugboat.controllermanager.it.ItSupport.eventually;
import static io.tugboat.controllermanager.it.ItSupport.find;
import static io.tugboat.controllermanager.it.ItSupport.ownedBy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tugboat.api.ResourceKinds;
import io.tugboat.api.core.ConfigMap;
import io.tugboat.api.core.Pod;
import io.tugboat.api.core.Secret;
import io.tugboat.api.meta.DeleteOptions;
import io.tugboat.api.meta.ObjectMeta;
import io.tugboat.api.meta.OwnerReference;
import io.tugboat.client.ApiClient;
import io.tugboat.client.ResourceClient;
import io.tugboat.controllermanager.ControllerManager;
import io.tugboat.controllermanager.ControllerManagerOptions;
import io.tugboat.controllermanager.Fixtures;
import io.tugboat.testcluster.TestCluster;
import io.tugboat.testsupport.EtcdExtension;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The garbage collector against a real API server and etcd: background, foreground and orphan deletion. */
class GarbageCollectorIT {
    @RegisterExtension
    static final EtcdExtension etcd = new EtcdExtension();
    static TestCluster cluster;
    static ControllerManager controllers;
    static ApiClient client;
    static ResourceClient<ConfigMap> configMaps;

    @BeforeAll
    static void start() throws Exception {
        cluster = TestCluster.start(etcd);
        client = cluster.client();
        configMaps = client.resources(ResourceKinds.CONFIG_MAPS).inNamespace("default");
        controllers = ItSupport.startControllers(cluster, ControllerManagerOptions.defaults(), "garbage-collector-controller");
    }

    @AfterAll
    static void stop() {
        if (controllers != null) {
            controllers.stop();
        }
        cluster.close();
    }

    boolean gone(String kindName, String name) {
        return switch (kindName) {
            case "pod" -> find(client, ResourceKinds.PODS, "default", name).isEmpty();
            case "secret" -> find(client, ResourceKinds.SECRETS, "default", name).isEmpty();
            default -> find(client, ResourceKinds.CONFIG_MAPS, "default", name).isEmpty();
        };
    }

    @Test
    void deletingAnOwnerDeletesItsDependentsOfEveryKind() throws Exception {
        ConfigMap owner = configMaps.create(configMap("default", "bg-owner", null, null));
        List<OwnerReference> refs = List.of(ownedBy(owner, false));
        configMaps.create(configMap("default", "bg-cm", refs, null));
        client.resources(ResourceKinds.SECRETS).inNamespace("default").create(Secret.of(
                new ObjectMeta("bg-secret", null, "default", null, null, null, null, null, null, null, null, null, refs, null),
                Map.of(), null, null, null));
        Pod pod = Fixtures.pod("bg-pod", null);
        client.resources(ResourceKinds.PODS).inNamespace("default").create(pod.withMetadata(pod.metadata().withUid(null)
                .withOwnerReferences(refs)));

        configMaps.delete("bg-owner");

        eventually("the ConfigMap, Secret and Pod owned by the deleted owner are deleted",
                () -> gone("configmap", "bg-cm") && gone("secret", "bg-secret") && gone("pod", "bg-pod"));
    }

    @Test
    void anOwnerRecreatedUnderTheSameNameDoesNotSaveItsPredecessorsDependents() throws Exception {
        ConfigMap old = configMaps.create(configMap("default", "re-owner", null, null));
        configMaps.create(configMap("default", "re-old-child", List.of(ownedBy(old, false)), null));
        configMaps.delete("re-owner");
        ConfigMap recreated = configMaps.create(configMap("default", "re-owner", null, null));
        configMaps.create(configMap("default", "re-new-child", List.of(ownedBy(recreated, false)), null));

        eventually("the old owner's dependent is deleted", () -> gone("configmap", "re-old-child"));
        assertTrue(find(client, ResourceKinds.CONFIG_MAPS, "default", "re-new-child").isPresent(),
                "the new owner's dependent stays");
        assertTrue(find(client, ResourceKinds.CONFIG_MAPS, "default", "re-owner").isPresent());
    }

    @Test
    void aDependentWhoseOwnerNeverExistedIsDeleted() throws Exception {
        configMaps.create(configMap("default", "stray", List.of(new OwnerReference("apps/v1", "ReplicaSet", "never",
                "00000000-0000-0000-0000-000000000000", true, false)), null));
        eventually("the stray dependent is deleted", () -> gone("configmap", "stray"));
    }

    @Test
    void aForegroundDeletionKeepsTheOwnerUntilItsBlockingDependentsAreGone() throws Exception {
        ConfigMap owner = configMaps.create(configMap("default", "fg-owner", null, null));
        configMaps.create(configMap("default", "fg-free", List.of(ownedBy(owner, true)), null));
        configMaps.create(configMap("default", "fg-held", List.of(ownedBy(owner, true)), List.of("example.com/hold")));

        configMaps.delete("fg-owner", new DeleteOptions(null, null, null, null, null, "Foreground", null));

        eventually("the free dependent is deleted and the held one marked",
                () -> gone("configmap", "fg-free") && find(client, ResourceKinds.CONFIG_MAPS, "default", "fg-held")
                        .map(c -> c.metadata().deletionTimestamp() != null).orElse(false));
        ConfigMap waiting = configMaps.get("fg-owner");
        assertTrue(waiting.metadata().deletionTimestamp() != null);
        assertEquals(List.of("foregroundDeletion"), waiting.metadata().finalizers(), "the owner waits for fg-held");

        ConfigMap held = configMaps.get("fg-held");
        configMaps.update(held.withMetadata(held.metadata().withFinalizers(List.of())));

        eventually("the owner goes once its last blocking dependent is gone",
                () -> gone("configmap", "fg-held") && gone("configmap", "fg-owner"));
    }

    @Test
    void aForegroundDeletionPropagatesDownAChainOfOwners() throws Exception {
        ConfigMap top = configMaps.create(configMap("default", "chain-top", null, null));
        ConfigMap middle = configMaps.create(configMap("default", "chain-middle", List.of(ownedBy(top, true)), null));
        configMaps.create(configMap("default", "chain-leaf", List.of(ownedBy(middle, true)), List.of("example.com/hold")));

        configMaps.delete("chain-top", new DeleteOptions(null, null, null, null, null, "Foreground", null));

        eventually("the middle owner is itself deleted in the foreground, the held leaf marked for deletion",
                () -> find(client, ResourceKinds.CONFIG_MAPS, "default", "chain-middle")
                        .map(c -> c.metadata().finalizers() != null && c.metadata().finalizers().contains("foregroundDeletion"))
                        .orElse(false)
                        && find(client, ResourceKinds.CONFIG_MAPS, "default", "chain-leaf")
                        .map(c -> c.metadata().deletionTimestamp() != null).orElse(false));
        assertTrue(find(client, ResourceKinds.CONFIG_MAPS, "default", "chain-top").isPresent(), "the top waits for the chain");

        ConfigMap leaf = configMaps.get("chain-leaf");
        configMaps.update(leaf.withMetadata(leaf.metadata().withFinalizers(List.of())));

        eventually("the whole chain goes, bottom up",
                () -> gone("configmap", "chain-leaf") && gone("configmap", "chain-middle") && gone("configmap", "chain-top"));
    }

    @Test
    void theRealKubectlsCascadeFlagsWork(@TempDir Path dir) throws Exception {
        Path kubeconfig = cluster.writeKubeconfig(dir.resolve("kubeconfig"));
        ConfigMap orphanOwner = configMaps.create(configMap("default", "kc-orphan-owner", null, null));
        configMaps.create(configMap("default", "kc-orphan-child", List.of(ownedBy(orphanOwner, true)), null));
        ConfigMap foregroundOwner = configMaps.create(configMap("default", "kc-fg-owner", null, null));
        configMaps.create(configMap("default", "kc-fg-child", List.of(ownedBy(foregroundOwner, true)), null));

        // kubectl delete waits until the object is gone, i.e. until the garbage collector has done its part.
        assertEquals(0, kubectl(dir, kubeconfig, "delete", "configmap", "kc-orphan-owner", "--cascade=orphan"));
        assertEquals(List.of(), configMaps.get("kc-orphan-child").metadata().ownerReferences());

        assertEquals(0, kubectl(dir, kubeconfig, "delete", "configmap", "kc-fg-owner", "--cascade=foreground"));
        assertTrue(gone("configmap", "kc-fg-child"), "a foreground delete returns after the dependents are gone");
    }

    static int kubectl(Path dir, Path kubeconfig, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("kubectl", "--kubeconfig=" + kubeconfig,
                "--cache-dir=" + dir.resolve("cache"), "--request-timeout=20s"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectOutput(dir.resolve("kubectl.log").toFile()).start();
        if (!process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("kubectl " + String.join(" ", args) + " did not finish");
        }
        return process.exitValue();
    }

    @Test
    void anOrphanDeletionLeavesTheDependentsWithoutTheReference() throws Exception {
        ConfigMap owner = configMaps.create(configMap("default", "or-owner", null, null));
        ConfigMap other = configMaps.create(configMap("default", "or-other-owner", null, null));
        configMaps.create(configMap("default", "or-a", List.of(ownedBy(owner, true)), null));
        configMaps.create(configMap("default", "or-b", List.of(ownedBy(owner, true), ItSupport.alsoOwnedBy(other)), null));

        configMaps.delete("or-owner", new DeleteOptions(null, null, null, null, null, "Orphan", null));

        eventually("the owner is gone", () -> gone("configmap", "or-owner"));
        assertEquals(List.of(), configMaps.get("or-a").metadata().ownerReferences());
        assertEquals(List.of(other.metadata().uid()), configMaps.get("or-b").metadata().ownerReferences().stream()
                .map(OwnerReference::uid).toList());
    }
}
