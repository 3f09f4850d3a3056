package io.tugboat.apiserver.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tugboat.api.ResourceKinds;
import io.tugboat.api.core.PersistentVolumeClaim;
import io.tugboat.api.core.PersistentVolumeClaimSpec;
import io.tugboat.api.meta.ObjectMeta;
import io.tugboat.api.storage.StorageClass;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The DefaultStorageClass admission step as a table: (classes, the claim's own class) → the class it ends up with. */
class DefaultStorageClassTest {
    static StorageClass sc(String name, String isDefault, long created) {
        Map<String, String> annotations = isDefault == null ? null
                : Map.of(DefaultStorageClass.IS_DEFAULT, isDefault);
        return StorageClass.of(new ObjectMeta(name, null, null, null, null, null, null, Instant.ofEpochSecond(created),
                null, null, null, annotations, null, null), "tugboat.io/host-path", null, null, null, null, null);
    }

    static PersistentVolumeClaim claim(String storageClassName, Map<String, String> annotations) {
        return PersistentVolumeClaim.of(new ObjectMeta("data", null, "default", null, null, null, null, null, null,
                null, null, annotations, null, null),
                new PersistentVolumeClaimSpec(List.of("ReadWriteOnce"), null, null, null, storageClassName, null), null);
    }

    static Stream<Arguments> cases() {
        StorageClass fast = sc("fast", "true", 100);
        StorageClass slow = sc("slow", null, 50);
        StorageClass newer = sc("newer", "true", 200);
        StorageClass sameAge = sc("aaa", "true", 200);
        StorageClass notTrue = sc("maybe", "yes", 300);
        StorageClass beta = StorageClass.of(new ObjectMeta("beta", null, null, null, null, null, null, Instant.EPOCH,
                null, null, null, Map.of("storageclass.beta.kubernetes.io/is-default-class", "true"), null, null),
                "x", null, null, null, null, null);
        return Stream.of(
                Arguments.of("no class named: the default is filled in", List.of(slow, fast), null, null, "fast"),
                Arguments.of("an explicit class is kept", List.of(slow, fast), "slow", null, "slow"),
                Arguments.of("an empty class means no class and is kept", List.of(fast), "", null, ""),
                Arguments.of("no default class: the claim keeps none", List.of(slow), null, null, null),
                Arguments.of("several defaults: the newest wins", List.of(fast, newer), null, null, "newer"),
                Arguments.of("same age: the first name wins", List.of(newer, sameAge), null, null, "aaa"),
                Arguments.of("only exactly \"true\" marks a default", List.of(notTrue), null, null, null),
                Arguments.of("the beta annotation marks a default too", List.of(beta), null, null, "beta"),
                Arguments.of("the beta class annotation on the claim is a choice", List.of(fast), null,
                        Map.of("volume.beta.kubernetes.io/storage-class", "slow"), null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void aClaimWithoutAClassGetsTheDefault(String name, List<StorageClass> classes, String own,
                                           Map<String, String> annotations, String expected) {
        assertEquals(expected, new DefaultStorageClass(() -> classes).admit(claim(own, annotations)).spec()
                .storageClassName());
    }

    @Test
    void theStrategyAppliesItToNewClaims() {
        GenericStrategy strategy = new GenericStrategy(ResourceKinds.PERSISTENT_VOLUME_CLAIMS,
                DefaultTolerationSeconds.defaults(), new DefaultStorageClass(() -> List.of(sc("fast", "true", 1))));
        PersistentVolumeClaim created = (PersistentVolumeClaim) strategy.prepareForCreate(claim(null, null));
        assertEquals("fast", created.spec().storageClassName());
    }
}
