package io.tugboat.apiserver.registry;

import io.tugboat.api.core.PersistentVolumeClaim;
import io.tugboat.api.storage.StorageClass;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Kubernetes' DefaultStorageClass admission: a new PersistentVolumeClaim that says nothing about its class
 * ({@code spec.storageClassName} absent, not even {@code ""}) gets the cluster's default class, the StorageClass
 * annotated {@value #IS_DEFAULT}{@code : "true"}. So a manifest written for any cluster ("give me 1Gi") gets
 * dynamically provisioned storage here too.
 *
 * <p>Rules, as upstream: a claim with {@code storageClassName: ""} asked for "no class" (static volumes only) and is
 * left alone, as is one carrying the legacy {@code volume.beta.kubernetes.io/storage-class} annotation; with no
 * default class the claim is left without one; with several, the newest wins (by creationTimestamp; on a tie, the first name).
 * Applied on create only: a claim's class does not change afterwards.
 */
public final class DefaultStorageClass {
    /** The annotation that marks a StorageClass as the default. */
    public static final String IS_DEFAULT = "storageclass.kubernetes.io/is-default-class";
    /** The beta annotation that names a claim's class; a claim carrying it has chosen. */
    static final String BETA_CLASS = "volume.beta.kubernetes.io/storage-class";
    /** The beta spelling of {@link #IS_DEFAULT}, still honoured upstream. */
    static final String BETA_IS_DEFAULT = "storageclass.beta.kubernetes.io/is-default-class";

    private final Supplier<? extends Collection<StorageClass>> classes;

    /** @param classes the StorageClasses that exist now (read on every admission; the registry's cache) */
    public DefaultStorageClass(Supplier<? extends Collection<StorageClass>> classes) {
        this.classes = classes;
    }

    /** No classes at all: claims pass unchanged (for strategies built without a server). */
    public static DefaultStorageClass none() {
        return new DefaultStorageClass(java.util.List::of);
    }

    /** The claim with the default class filled in where it has none. */
    public PersistentVolumeClaim admit(PersistentVolumeClaim claim) {
        if (claim.spec() == null || claim.spec().storageClassName() != null) {
            return claim;
        }
        Map<String, String> annotations = claim.metadata() == null ? null : claim.metadata().annotations();
        if (annotations != null && annotations.containsKey(BETA_CLASS)) {
            return claim;
        }
        return pick(classes.get())
                .map(c -> claim.withSpec(claim.spec().withStorageClassName(c.metadata().name())))
                .orElse(claim);
    }

    /** The default among {@code classes}: annotated {@value #IS_DEFAULT}=true, the newest if several. */
    public static Optional<StorageClass> pick(Collection<StorageClass> classes) {
        return classes.stream()
                .filter(DefaultStorageClass::isDefault)
                .max(Comparator.comparing((StorageClass c) -> created(c))
                        .thenComparing(c -> c.metadata().name(), Comparator.reverseOrder()));
    }

    /** Whether {@code storageClass} is marked as a default: exactly {@code "true"}, on the GA or the beta annotation. */
    public static boolean isDefault(StorageClass storageClass) {
        Map<String, String> annotations = storageClass.metadata() == null ? null : storageClass.metadata().annotations();
        return annotations != null
                && ("true".equals(annotations.get(IS_DEFAULT)) || "true".equals(annotations.get(BETA_IS_DEFAULT)));
    }

    private static Instant created(StorageClass c) {
        return c.metadata().creationTimestamp() == null ? Instant.EPOCH : c.metadata().creationTimestamp();
    }
}
