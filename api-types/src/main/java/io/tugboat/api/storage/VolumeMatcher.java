package io.tugboat.api.storage;

import io.tugboat.api.core.ObjectReference;
import io.tugboat.api.core.PersistentVolume;
import io.tugboat.api.core.PersistentVolumeClaim;
import io.tugboat.api.Quantity;
import io.tugboat.api.labels.Selector;
import java.math.BigDecimal;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Which PersistentVolume a claim binds to (Kubernetes' {@code findMatchingVolume}):
 *
 * <pre>
 *   a volume pre-bound to the claim (its claimRef names it)     ─▶ that one, if it fits
 *   otherwise, among volumes with no claimRef, not being deleted, that
 *     have the claim's storageClassName ("" matches only "")
 *     offer every access mode the claim asks for
 *     hold at least the requested storage
 *     carry labels the claim's selector matches
 *     are the claim's spec.volumeName, if it names one          ─▶ the smallest; ties by name
 * </pre>
 *
 * Shared by the controller manager's binder and the scheduler's VolumeBinding plugin, which for a
 * WaitForFirstConsumer claim asks the same question restricted to the volumes a node can reach (Kubernetes keeps
 * this in {@code component-helpers/storage/volume} for the same reason).
 */
public final class VolumeMatcher {
    /**
     * The annotation the scheduler puts on a WaitForFirstConsumer claim it found no existing volume for: the node
     * it chose for the claim's first pod, where the provisioner is to make the volume.
     */
    public static final String SELECTED_NODE = "volume.kubernetes.io/selected-node";
    /** A StorageClass {@code volumeBindingMode}: bind or provision only once a pod using the claim is scheduled. */
    public static final String WAIT_FOR_FIRST_CONSUMER = "WaitForFirstConsumer";

    private VolumeMatcher() {
    }

    public static Optional<PersistentVolume> bestFit(PersistentVolumeClaim claim, List<PersistentVolume> volumes) {
        return bestFit(claim, volumes, pv -> true);
    }

    /** {@link #bestFit(PersistentVolumeClaim, List)} among the volumes {@code reachable} accepts. */
    public static Optional<PersistentVolume> bestFit(PersistentVolumeClaim claim, List<PersistentVolume> volumes,
                                                     Predicate<PersistentVolume> reachable) {
        Optional<PersistentVolume> preBound = volumes.stream()
                .filter(pv -> refersTo(pv.spec().claimRef(), claim) && fits(claim, pv) && reachable.test(pv))
                .findFirst();
        if (preBound.isPresent()) {
            return preBound;
        }
        return volumes.stream()
                .filter(pv -> pv.spec().claimRef() == null && fits(claim, pv) && reachable.test(pv))
                .min(Comparator.comparing(VolumeMatcher::storage).thenComparing(pv -> pv.metadata().name()));
    }

    /** Whether binding {@code claim} waits for its first pod to be scheduled (its class says WaitForFirstConsumer). */
    public static boolean waitsForConsumer(StorageClass storageClass) {
        return storageClass != null && WAIT_FOR_FIRST_CONSUMER.equals(storageClass.volumeBindingMode());
    }

    /** Whether {@code pv} satisfies {@code claim}, claimRef aside. */
    public static boolean fits(PersistentVolumeClaim claim, PersistentVolume pv) {
        if (pv.metadata().deletionTimestamp() != null || pv.spec() == null || claim.spec() == null) {
            return false;
        }
        String wanted = claim.spec().volumeName();
        if (wanted != null && !wanted.isEmpty() && !wanted.equals(pv.metadata().name())) {
            return false;
        }
        if (!nz(claim.spec().storageClassName()).equals(nz(pv.spec().storageClassName()))) {
            return false;
        }
        List<String> offered = pv.spec().accessModes() == null ? List.of() : pv.spec().accessModes();
        List<String> asked = claim.spec().accessModes() == null ? List.of() : claim.spec().accessModes();
        if (!offered.containsAll(asked)) {
            return false;
        }
        if (storage(pv).compareTo(request(claim)) < 0) {
            return false;
        }
        if (claim.spec().selector() != null) {
            Selector selector = Selector.fromLabelSelector(claim.spec().selector());
            Map<String, String> labels = pv.metadata().labels() == null ? Map.of() : pv.metadata().labels();
            if (!selector.matches(labels)) {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code ref} names {@code claim} (and its uid, when the ref carries one). */
    public static boolean refersTo(ObjectReference ref, PersistentVolumeClaim claim) {
        return ref != null && Objects.equals(ref.name(), claim.metadata().name())
                && Objects.equals(ref.namespace(), claim.metadata().namespace())
                && (ref.uid() == null || ref.uid().isEmpty() || ref.uid().equals(claim.metadata().uid()));
    }

    public static BigDecimal storage(PersistentVolume pv) {
        Quantity q = pv.spec().capacity() == null ? null : pv.spec().capacity().get("storage");
        return q == null ? BigDecimal.ZERO : q.value();
    }

    public static BigDecimal request(PersistentVolumeClaim claim) {
        Quantity q = claim.spec().resources() == null || claim.spec().resources().requests() == null ? null
                : claim.spec().resources().requests().get("storage");
        return q == null ? BigDecimal.ZERO : q.value();
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
